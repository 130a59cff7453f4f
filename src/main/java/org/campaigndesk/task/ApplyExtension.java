package org.campaigndesk.task;


import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * An approved extension (延期): the key task gets its new deadline, and the running watch of the old
 * one is told, so its reminder and overdue timers move to the new date instead of firing stale. A
 * watch that has not started yet ({@code Timer_WatchStarts} still waiting) reads the deadline when it
 * starts; its start moves with the deadline.
 */
@Component("applyExtension")
public class ApplyExtension implements JavaDelegate {

  /** The timer that starts the completion deadline's watch when it first has something to do. */
  static final String WATCH_STARTS = "Timer_WatchStarts";

  private final RuntimeService runtimeService;
  private final ManagementService managementService;

  public ApplyExtension(RuntimeService runtimeService, ManagementService managementService) {
    this.runtimeService = runtimeService;
    this.managementService = managementService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate extended = LocalDate.parse((String) execution.getVariable(ExtensionRequestCheck.EXTENSION_NEW_DATE));
    KeyTaskRecord record = KeyTaskRecord.of(execution).withExtendedDeadline(extended);
    record.writeTo(execution);
    Date deadline = record.deadlineAt();

    ProcessInstance watch = runtimeService.createProcessInstanceQuery()
        .superProcessInstanceId(execution.getProcessInstanceId())
        .processDefinitionKey(WatchVariables.PROCESS_KEY)
        .variableValueEquals(WatchVariables.DEADLINE_KIND, "completion")
        .singleResult();
    if (watch != null) {
      runtimeService.createMessageCorrelation(WatchVariables.EXTENDED_MESSAGE)
          .processInstanceId(watch.getId())
          .setVariable(WatchVariables.NEW_DUE_DATE, deadline)
          .correlate();
    }
    // Re-evaluated against the deadline just set (same transaction): the start moves, earlier or later.
    for (Job start : managementService.createJobQuery().processInstanceId(execution.getProcessInstanceId())
        .activityId(WATCH_STARTS).list()) {
      managementService.recalculateJobDuedate(start.getId(), false);
    }
  }
}
