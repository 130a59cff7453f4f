package org.campaigndesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.Test;

/** The watched work's facts reach every deadline watch through one mapping, not a copied list per call. */
class WatchInputsTest {

  @Test
  void copiesOnlyWhatTheCallersInstanceDoesNotShow_andLeavesTheCallsOwnMappingsAlone() {
    DelegateExecution instance = mock(DelegateExecution.class);
    DelegateExecution caller = mock(DelegateExecution.class);
    when(caller.getProcessInstance()).thenReturn(instance);
    // The key task's facts live on its instance: the watch reads them there (WatchedWork), no copy.
    when(caller.hasVariable("taskLabel")).thenReturn(true);
    when(caller.getVariable("taskLabel")).thenReturn("【一】道路硬化");
    when(instance.getVariable("taskLabel")).thenReturn("【一】道路硬化");
    // A campaign item's unit lives in the item's scope only: it goes along.
    when(caller.hasVariable("leadUnitId")).thenReturn(true);
    when(caller.getVariable("leadUnitId")).thenReturn("agri");
    when(caller.hasVariable("deadlineText")).thenReturn(true);
    when(caller.getVariable("deadlineText")).thenReturn("2020年6月30日前");
    VariableMap watch = Variables.createVariables().putValue("deadlineText", "第一阶段：3月1日至4月30日");

    new WatchInputs().mapInputVariables(caller, watch);

    assertThat(watch).containsEntry("leadUnitId", "agri").doesNotContainKey("taskLabel")
        // the call activity's own camunda:in came first and stays
        .containsEntry("deadlineText", "第一阶段：3月1日至4月30日")
        // a caller without a key-task number (rectification, supervision) passes none
        .doesNotContainKey("taskNo");
  }

  @Test
  void everyCallOfTheWatch_usesTheOneMapping() throws IOException {
    int calls = 0;
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
          if (!WatchVariables.PROCESS_KEY.equals(call.getCalledElement())) {
            continue;
          }
          calls++;
          List<CamundaIn> ins = call.getExtensionElements() == null ? List.of()
              : call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
          Set<String> copied = ins.stream().filter(in -> in.getCamundaSource() != null
              && in.getCamundaSource().equals(in.getCamundaTarget())).map(CamundaIn::getCamundaTarget).collect(Collectors.toSet());
          String where = file.getFileName() + "#" + call.getId();
          assertThat(call.getCamundaVariableMappingDelegateExpression()).as(where).isEqualTo("${watchInputs}");
          assertThat(copied).as(where + ": facts copied one by one instead of by ${watchInputs}").isEmpty();
        }
      }
    }
    assertThat(calls).isEqualTo(7);
  }
}
