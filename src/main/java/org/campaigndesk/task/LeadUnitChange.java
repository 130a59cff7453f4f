package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.plan.PlanFacts;
import org.springframework.stereotype.Component;

/**
 * 牵头单位调整: a coordinator hands a running key task to another lead unit. The key task's lead
 * unit changes, its open lead-unit tasks (and the deadline watches that remind the lead unit) move
 * to the new unit, and the change is kept in {@code leadUnitChanges} (from, to, reason, who, when);
 * the variable history keeps the earlier values too.
 */
@Component("leadUnitChange")
public class LeadUnitChange implements JavaDelegate {

  public static final String MESSAGE = "LeadUnitChange";
  public static final String NEW_LEAD_UNIT = "newLeadUnitId";
  public static final String REASON = "leadUnitChangeReason";
  public static final String CHANGED_BY = "leadUnitChangedBy";
  public static final String CHANGES = "leadUnitChanges";

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final ObjectMapper json = Json.MAPPER;

  public LeadUnitChange(TaskService taskService, RuntimeService runtimeService) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    PlanFacts plan = PlanFacts.of(execution);
    KeyTaskRecord record = KeyTaskRecord.of(execution);
    String from = record.leadUnitId();
    String to = (String) execution.getVariable(NEW_LEAD_UNIT);
    PlanFacts.Unit unit = plan.unit(to).orElse(null);
    if (unit == null) {
      throw new ProcessEngineException("牵头单位调整：“" + to + "”不是本计划的单位");
    }
    String instanceId = execution.getProcessInstanceId();
    record.withLeadUnit(new KeyTaskRecord.Ref(to, unit.name())).writeTo(execution);
    ArrayNode changes = execution.getVariable(CHANGES) == null ? json.createArrayNode()
        : (ArrayNode) json.readTree(execution.getVariable(CHANGES).toString());
    changes.addObject().put("from", from).put("fromName", plan.unitName(from))
        .put("to", to).put("toName", unit.name())
        .put("reason", String.valueOf(execution.getVariable(REASON)))
        .put("by", String.valueOf(execution.getVariable(CHANGED_BY)))
        .put("at", Clocks.instant().toString());
    runtimeService.setVariable(instanceId, CHANGES, SpinValues.jsonValue(changes.toString()).create());
    moveTasks(instanceId, from, to);
    // The watches copied the lead unit when they started; they remind whoever leads now.
    for (ProcessInstance watch : runtimeService.createProcessInstanceQuery().superProcessInstanceId(instanceId).list()) {
      if (from.equals(runtimeService.getVariable(watch.getId(), LEAD_UNIT_ID))) {
        runtimeService.setVariables(watch.getId(), Variables.createVariables().putValue(LEAD_UNIT_ID, to)
            .putValue(LEAD_UNIT_NAME, unit.name()));
      }
    }
  }

  private void moveTasks(String instanceId, String from, String to) {
    List<Task> open = taskService.createTaskQuery().processInstanceId(instanceId).list();
    for (Task task : open) {
      for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
        if (IdentityLinkType.CANDIDATE.equals(link.getType()) && from.equals(link.getGroupId())) {
          taskService.deleteCandidateGroup(task.getId(), from);
          taskService.addCandidateGroup(task.getId(), to);
          if (task.getAssignee() != null) {
            taskService.setAssignee(task.getId(), null);
          }
        }
      }
    }
  }
}
