package org.campaigndesk.kernel;

import java.util.HashSet;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionBuilder;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Migration plans onto a definition in which a sequential multi-instance subprocess over dates or
 * quarters became a loop (a gateway, the timer, the work, back), holding what the subprocess held in
 * the process itself or in a subprocess of the same id that is no longer multi-instance. The engine's
 * {@code mapEqualActivities} maps an activity only where its enclosing scopes map too, so it leaves out
 * everything inside such a subprocess: those activities are mapped here by their ids, and the
 * multi-instance body and its subprocess instance are removed: their variables are not kept where the
 * loop would find them, so {@link #migrate} carries the element variables over. An instance that waits in the removed
 * subprocess keeps its timer job and due date, or its user tasks, as the engine's migration keeps them.
 */
public final class LoopMigrations {

  /** The multi-instance body's and its instance's variables, which a removed body may leave behind. */
  public static final java.util.List<String> LOOP_VARIABLES =
      java.util.List.of("nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances", "loopCounter");

  private LoopMigrations() {}

  /** The plan from {@code sourceId} to {@code targetId}: equal activities, and those of removed multi-instance bodies. */
  public static MigrationPlan plan(RuntimeService runtimeService, RepositoryService repositoryService, String sourceId,
      String targetId, boolean updateEventTriggers) {
    MigrationPlanBuilder builder = updateEventTriggers
        ? runtimeService.createMigrationPlan(sourceId, targetId).mapEqualActivities().updateEventTriggers()
        : runtimeService.createMigrationPlan(sourceId, targetId).mapEqualActivities();
    Set<String> mapped = new HashSet<>();
    for (MigrationInstruction instruction : builder.build().getInstructions()) {
      mapped.add(instruction.getSourceActivityId());
    }
    BpmnModelInstance source = repositoryService.getBpmnModelInstance(sourceId);
    BpmnModelInstance target = repositoryService.getBpmnModelInstance(targetId);
    for (FlowNode node : source.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      FlowNode there = target.getModelElementById(id);
      if (mapped.contains(id) || there == null || !migratable(node) || !migratable(there) || !inRemovedLoop(node, target)) {
        continue;
      }
      MigrationInstructionBuilder instruction = builder.mapActivities(id, id);
      if (updateEventTriggers && node instanceof BoundaryEvent) {
        instruction.updateEventTrigger();
      }
      if (multiInstance(node) && multiInstance(there)) {
        builder.mapActivities(id + "#multiInstanceBody", id + "#multiInstanceBody");
      }
    }
    return builder.build();
  }

  /**
   * Migrates the instances by {@link #plan}, their loop's element variables (what each multi-instance
   * instance held locally, the loop keeps on the process instance) onto each process instance: the
   * engine drops a removed scope's variables, and an instance in the loop's work would otherwise go on
   * from nothing.
   */
  public static void migrate(RuntimeService runtimeService, RepositoryService repositoryService, String sourceId, String targetId,
      java.util.List<String> processInstanceIds, boolean updateEventTriggers, java.util.List<String> elementVariables) {
    java.util.Map<String, java.util.Map<String, Object>> held = new java.util.HashMap<>();
    for (String instance : processInstanceIds) {
      for (String name : elementVariables) {
        runtimeService.createVariableInstanceQuery().processInstanceIdIn(instance).variableName(name).list().stream()
            .filter(v -> !instance.equals(v.getExecutionId())).findFirst()
            .ifPresent(v -> held.computeIfAbsent(instance, i -> new java.util.HashMap<>()).put(name, v.getValue()));
      }
    }
    runtimeService.newMigration(plan(runtimeService, repositoryService, sourceId, targetId, updateEventTriggers))
        .processInstanceIds(processInstanceIds).execute();
    held.forEach((instance, variables) -> variables.forEach((name, value) -> {
      if (runtimeService.getVariableLocal(instance, name) == null) {
        runtimeService.setVariableLocal(instance, name, value);
      }
    }));
  }

  /** The activities an instance can wait in that the engine's migration moves (not gateways, start or end events). */
  private static boolean migratable(FlowNode node) {
    if (node instanceof ServiceTask task) {
      return task.isCamundaAsyncBefore() || task.isCamundaAsyncAfter();
    }
    return node instanceof Activity || node instanceof IntermediateCatchEvent || node instanceof BoundaryEvent;
  }

  /**
   * Whether an enclosing subprocess of the node is multi-instance while the target's element of its id
   * is not, or gone. That subprocess itself is not mapped: what it held may now wait outside it (the
   * loop's timer), and where its contents wait inside its target again, the migration adds that scope.
   */
  private static boolean inRemovedLoop(FlowNode node, BpmnModelInstance target) {
    for (ModelElementInstance parent = node.getParentElement(); parent instanceof SubProcess subProcess;
        parent = parent.getParentElement()) {
      ModelElementInstance there = target.getModelElementById(subProcess.getId());
      if (multiInstance(subProcess) && !(there instanceof FlowNode flowNode && multiInstance(flowNode))) {
        return true;
      }
    }
    return false;
  }

  private static boolean multiInstance(FlowNode node) {
    return node instanceof Activity activity && activity.getLoopCharacteristics() != null;
  }
}
