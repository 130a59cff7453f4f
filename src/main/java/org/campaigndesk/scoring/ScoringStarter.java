package org.campaigndesk.scoring;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.kernel.RegionTenants;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Starts a plan's {@code quarterly-scoring} process (business key: the plan id) when the plan is imported. */
@Component
public class ScoringStarter {

  private final RuntimeService runtimeService;

  public ScoringStarter(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  public void start(Plan plan) {
    runtimeService.startProcessInstanceByKey(Scoring.PROCESS_KEY, plan.info().id(), Variables.createVariables()
        // The county: RegionTenants gives the instance the plan's region as its tenant.
        .putValue(RegionTenants.REGION_ID, plan.regionId())
        .putValue(KeyTaskVariables.PLAN_ID, plan.info().id())
        .putValue(KeyTaskVariables.PLAN_TITLE, plan.info().title())
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, plan.info().timezone().getId())
        .putValueTyped(PlanFacts.VARIABLE, PlanFacts.of(plan).value())
        .putValueTyped(Scoring.QUARTERS, JsonLists.of(
            Scoring.quartersFrom(plan.info().years(), DueDates.today(plan.info().timezone())))));
  }
}
