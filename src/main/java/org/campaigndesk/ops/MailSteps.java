package org.campaigndesk.ops;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;

/**
 * The asynchronous BPMN steps that send mail. Their jobs are the mail backlog: waiting (due, with
 * retries left: not sent yet or waiting for a retry after an SMTP failure) or failed (no retries
 * left: an incident in Cockpit).
 */
final class MailSteps {

  static final List<String> ACTIVITY_IDS = List.of(
      "Task_SendReminder", "Task_SendOverdueNotice", "Task_SendInterviewNotice", // deadline-watch
      "Task_SendExtensionDecision", // key-task
      "Task_SendInstruction", // monthly-dispatch
      "Task_OpenCampaign"); // campaign

  private MailSteps() {}

  static long waiting(ManagementService management) {
    return ACTIVITY_IDS.stream().mapToLong(id -> management.createJobQuery().activityId(id).withRetriesLeft().count()).sum();
  }

  static long failed(ManagementService management) {
    return ACTIVITY_IDS.stream().mapToLong(id -> management.createJobQuery().activityId(id).noRetriesLeft().count()).sum();
  }
}
