package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

/** The engine version in use still keeps variables where VariableStores reaches them. */
class VariableStoresTest {

  @Test
  void aTaskToldItHoldsNone_answersWithoutAQuery() {
    TaskEntity task = new TaskEntity();
    task.setId("variable-stores-test");
    VariableStores.holdsNone(task);

    // No command context here: a query for the task's variables would fail, an empty store answers.
    assertThat(task.getVariablesLocal()).isEmpty();
    assertThat(task.getVariableLocal("anything")).isNull();
  }

  @Test
  void anExecutionsStore_isLoadedOnlyOnceRead() {
    ExecutionEntity execution = new ExecutionEntity();
    assertThat(VariableStores.loaded(execution)).isFalse();
  }
}
