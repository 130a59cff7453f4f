package org.campaigndesk.imports;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.scoring.Scoring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Instances started before the plan's facts travelled with them ({@link PlanFacts}), or with facts
 * of an older {@link PlanFacts#version} (which lack what later steps read): each running annual plan
 * and quarterly scoring gets them from its stored plan, read this once, as an import would have;
 * the instances they called read them from there.
 */
@Component
@Order(20)
public class PlanFactsUpgrade implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(PlanFactsUpgrade.class);

  private final RuntimeService runtimeService;
  private final PlanRepository repository;

  public PlanFactsUpgrade(RuntimeService runtimeService, PlanRepository repository) {
    this.runtimeService = runtimeService;
    this.repository = repository;
  }

  @Override
  public void run(ApplicationArguments args) {
    upgrade();
  }

  /** @return how many instances were given their plan's facts */
  public int upgrade() {
    int upgraded = 0;
    for (ProcessInstance root : runtimeService.createProcessInstanceQuery()
        .processDefinitionKeyIn(AnnualPlanStarter.PROCESS_KEY, Scoring.PROCESS_KEY).list()) {
      Object stored = runtimeService.getVariable(root.getId(), PlanFacts.VARIABLE);
      if (stored != null && PlanFacts.read(stored).version() >= PlanFacts.CURRENT_VERSION) {
        continue;
      }
      Object planId = runtimeService.getVariable(root.getId(), KeyTaskVariables.PLAN_ID);
      if (planId == null || repository.find(planId.toString()).isEmpty()) {
        LOG.warn("Instance {} names no stored plan ({}); its plan's facts cannot be added", root.getId(), planId);
        continue;
      }
      runtimeService.setVariable(root.getId(), PlanFacts.VARIABLE, PlanFacts.of(repository.load(planId.toString())).value());
      upgraded++;
    }
    if (upgraded > 0) {
      LOG.info("{} running instances were given their plan's facts", upgraded);
    }
    return upgraded;
  }
}
