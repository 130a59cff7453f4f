package org.campaigndesk.task;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.RecordedFacts;
import org.springframework.stereotype.Component;

/**
 * The key task's record for the BPMN's expressions ({@code ${keyTasks.leadUnit(execution)}}), and
 * for the readers below the task package, which ask by fact name ({@link RecordedFacts}).
 */
@Component("keyTasks")
public class KeyTasks {

  public KeyTasks() {
    RecordedFacts.register(new RecordedFacts.Reader() {
      @Override
      public String variable() {
        return KeyTaskRecord.VARIABLE;
      }

      @Override
      public Object fact(Object recordValue, String name) {
        return KeyTaskRecord.read(recordValue).fact(name);
      }
    });
  }

  /** The lead unit's id: the candidate group of the lead unit's tasks. */
  public String leadUnit(VariableScope scope) {
    return KeyTaskRecord.of(scope).leadUnitId();
  }

  /** The deadline as a moment: the end of its day in the plan's zone. */
  public Date deadline(VariableScope scope) {
    return KeyTaskRecord.of(scope).deadlineAt();
  }

  /** False while the plan leaves lead unit or deadline open: the key task waits in 分解交办. */
  public boolean ownerKnown(VariableScope scope) {
    return KeyTaskRecord.of(scope).ownerKnown();
  }

  /** The half-year summary's date, ISO (null if the key task has none). */
  public String summaryDate(VariableScope scope) {
    java.time.LocalDate date = KeyTaskRecord.of(scope).summaryDate();
    return date == null ? null : date.toString();
  }
}
