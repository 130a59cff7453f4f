package org.campaigndesk.ops;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.campaigndesk.campaign.CampaignOpeningMails;
import org.campaigndesk.kernel.DeferredJobs;
import org.campaigndesk.mail.MailDelivery;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The jobs that send mail, which are the mail backlog: the asynchronous BPMN steps that decide on
 * mail, and the application's own jobs that record (a campaign's opening notices) or deliver it.
 * Waiting: due or waiting for a retry after a failure (an SMTP outage, say). Failed: no retries
 * left, an incident in Cockpit.
 */
@Component
class MailSteps {

  static final List<String> ACTIVITY_IDS = List.of(
      "Task_SendReminder", "Task_SendOverdueNotice", "Task_SendInterviewNotice", // deadline-watch
      "Task_SendExtensionDecision", // key-task
      "Task_SendInstruction", // monthly-dispatch
      "Task_OpenCampaign"); // campaign

  /** Types of kernel.DeferredJobs whose work is mail; the job query cannot tell them apart, so SQL counts them. */
  static final List<String> DEFERRED_TYPES = List.of(MailDelivery.TYPE, CampaignOpeningMails.TYPE);

  private final ManagementService management;
  private final JdbcTemplate jdbc;

  MailSteps(ManagementService management, JdbcTemplate jdbc) {
    this.management = management;
    this.jdbc = jdbc;
  }

  long waiting() {
    return ACTIVITY_IDS.stream().mapToLong(id -> management.createJobQuery().activityId(id).withRetriesLeft().count()).sum()
        + deferred("retries_ > 0");
  }

  long failed() {
    return ACTIVITY_IDS.stream().mapToLong(id -> management.createJobQuery().activityId(id).noRetriesLeft().count()).sum()
        + deferred("retries_ = 0");
  }

  private long deferred(String retries) {
    String types = String.join(" or ", DEFERRED_TYPES.stream().map(t -> "handler_cfg_ like ?").toList());
    Object[] arguments = java.util.stream.Stream.concat(java.util.stream.Stream.of(DeferredJobs.HANDLER_TYPE),
        DEFERRED_TYPES.stream().map(t -> DeferredJobs.configurationPrefix(t) + "%")).toArray();
    Long count = jdbc.queryForObject("select count(*) from act_ru_job where handler_type_ = ? and " + retries
        + " and (" + types + ")", Long.class, arguments);
    return count == null ? 0 : count;
  }
}
