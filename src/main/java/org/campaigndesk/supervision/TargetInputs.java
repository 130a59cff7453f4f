package org.campaigndesk.supervision;

import java.util.List;
import org.campaigndesk.kernel.JsonLists;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Input of the annual plan's call activity into {@code supervision-target}: one target, by its id. */
@Component("targetInputs")
public class TargetInputs implements DelegateVariableMapping {

  @Override
  public void mapInputVariables(DelegateExecution superExecution, VariableMap sub) {
    PlanFacts plan = PlanFacts.of(superExecution);
    String id = (String) superExecution.getVariable("targetId");
    Plan.Target target = plan.supervision().targets().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    sub.putValue(KeyTaskVariables.PLAN_ID, plan.planId())
        .putValue(KeyTaskVariables.PLAN_TITLE, plan.title())
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, plan.timezone())
        .putValue("targetId", target.id())
        .putValue("targetName", target.name())
        .putValue("targetKind", SupervisionTargets.KINDS.get(target.kind()))
        .putValue("targetCounty", target.county())
        .putValue("figuresText", SupervisionTargets.figuresText(target))
        .putValue("squadLeadNames", String.join("、", target.squadLeadIds().stream().map(l -> plan.leaderName(l)).toList()))
        .putValue(KeyTaskVariables.TASK_LABEL, "【挂牌督战】" + target.name())
        .putValue(KeyTaskVariables.DEADLINE_TEXT, "每月" + plan.supervision().reportDay() + "日前报送")
        .putValue(KeyTaskVariables.LEAD_UNIT_ID, target.squadUnitId())
        .putValue(KeyTaskVariables.LEAD_UNIT_NAME, plan.unitName(target.squadUnitId()))
        .putValueTyped(KeyTaskVariables.LEAD_LEADER_IDS, JsonLists.of(target.leaderIds()))
        .putValue(KeyTaskVariables.LEAD_LEADER_NAMES, String.join("、", target.leaderIds().stream().map(l -> plan.leaderName(l)).toList()))
        .putValue("phasesText", SupervisionTargets.phasesText(plan.supervision()))
        .putValue("currentPhase", SupervisionTargets.phaseAt(plan.supervision(), DueDates.today(plan.zone())));
  }

  @Override
  public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
    // Each target keeps its own monthly record.
  }
}
