package org.campaigndesk.task;


import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.reminder.WatchVariables;
import org.springframework.stereotype.Component;

/**
 * An approved extension (延期): the key task gets its new deadline, and the running watch of the old
 * one is told, so its reminder and overdue timers move to the new date instead of firing stale.
 */
@Component("applyExtension")
public class ApplyExtension implements JavaDelegate {

  private final RuntimeService runtimeService;

  public ApplyExtension(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
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
  }
}
