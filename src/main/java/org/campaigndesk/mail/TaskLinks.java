package org.campaigndesk.mail;

import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.stereotype.Component;

/**
 * Links in mails that lead to one task: {@code /go/task/<id>} on the application, which opens the
 * task in Tasklist while it is open and says what became of it once it is gone. The application's
 * address is the one Tasklist is configured under (campaign-desk.mail.tasklist-url).
 */
@Component
public class TaskLinks {

  public static final String PATH = "/go/task/";

  private final String appUrl;
  private final String tasklistUrl;

  public TaskLinks(CampaignDeskProperties properties) {
    this.tasklistUrl = properties.mail().tasklistUrl();
    int camunda = tasklistUrl.indexOf("/camunda/");
    this.appUrl = camunda > 0 ? tasklistUrl.substring(0, camunda) : tasklistUrl.replaceAll("/+$", "");
  }

  /** The link a mail carries for a task. */
  public String toTask(String taskId) {
    return appUrl + PATH + taskId;
  }

  /** Where an open task is shown in Tasklist. */
  public String inTasklist(String taskId) {
    return tasklistUrl + "#/?task=" + taskId;
  }

  public String tasklist() {
    return tasklistUrl;
  }

  public String ledger() {
    return appUrl + "/ledger";
  }
}
