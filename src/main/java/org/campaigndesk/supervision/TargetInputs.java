package org.campaigndesk.supervision;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Input of the annual plan's call activity into {@code supervision-target}: one target, by its id. */
@Component("targetInputs")
public class TargetInputs implements DelegateVariableMapping {

  private final PlanRepository plans;

  public TargetInputs(PlanRepository plans) {
    this.plans = plans;
  }

  @Override
  public void mapInputVariables(DelegateExecution superExecution, VariableMap sub) {
    Plan plan = plans.load((String) superExecution.getVariable(KeyTaskVariables.PLAN_ID));
    String id = (String) superExecution.getVariable("targetId");
    Plan.Target target = plan.supervision().targets().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    Map<String, Plan.Leader> leaders = plan.leadersById();
    sub.putValue(KeyTaskVariables.PLAN_ID, plan.info().id())
        .putValue(KeyTaskVariables.PLAN_TITLE, plan.info().title())
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, plan.info().timezone().getId())
        .putValue("targetId", target.id())
        .putValue("targetName", target.name())
        .putValue("targetKind", SupervisionTargets.KINDS.get(target.kind()))
        .putValue("targetCounty", target.county())
        .putValue("figuresText", SupervisionTargets.figuresText(target))
        .putValue("squadLeadNames", String.join("、", target.squadLeadIds().stream().map(l -> leaders.get(l).name()).toList()))
        .putValue(KeyTaskVariables.TASK_LABEL, "【挂牌督战】" + target.name())
        .putValue(KeyTaskVariables.DEADLINE_TEXT, "每月" + plan.supervision().reportDay() + "日前报送")
        .putValue(KeyTaskVariables.LEAD_UNIT_ID, target.squadUnitId())
        .putValue(KeyTaskVariables.LEAD_UNIT_NAME, plan.unit(target.squadUnitId()).map(Plan.Unit::name).orElse(target.squadUnitId()))
        .putValue(KeyTaskVariables.LEAD_LEADER_IDS, KeyTaskVariables.joinIds(target.leaderIds()))
        .putValue(KeyTaskVariables.LEAD_LEADER_NAMES, String.join("、", target.leaderIds().stream().map(l -> leaders.get(l).name()).toList()))
        .putValue("phasesText", SupervisionTargets.phasesText(plan))
        .putValue("currentPhase", SupervisionTargets.phaseAt(plan, DueDates.today(plan.info().timezone())));
  }

  @Override
  public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
    // Each target keeps its own monthly record.
  }
}
