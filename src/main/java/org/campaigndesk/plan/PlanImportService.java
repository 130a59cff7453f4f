package org.campaigndesk.plan;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.identity.TasklistFilters;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.scoring.ScoringStarter;
import org.campaigndesk.task.KeyTaskStarter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a plan: checks it, stores it, creates its units and leaders, and assigns every key task.
 * One transaction: any failure leaves nothing stored and nothing started.
 */
@Service
public class PlanImportService {

  public record ImportResult(String planId, int keyTasksStarted) {}

  private final PlanReader reader;
  private final PlanRepository repository;
  private final IdentitySync identitySync;
  private final KeyTaskStarter keyTaskStarter;
  private final AnnualPlanStarter annualPlanStarter;
  private final ScoringStarter scoringStarter;
  private final TasklistFilters tasklistFilters;

  public PlanImportService(PlanReader reader, PlanRepository repository, IdentitySync identitySync,
      KeyTaskStarter keyTaskStarter, AnnualPlanStarter annualPlanStarter, TasklistFilters tasklistFilters,
      ScoringStarter scoringStarter) {
    this.scoringStarter = scoringStarter;
    this.tasklistFilters = tasklistFilters;
    this.annualPlanStarter = annualPlanStarter;
    this.reader = reader;
    this.repository = repository;
    this.identitySync = identitySync;
    this.keyTaskStarter = keyTaskStarter;
  }

  @Transactional
  public ImportResult importPlan(String source, String importedBy, String initialPassword) {
    return importPlan(reader.read(source), source, 0, importedBy, initialPassword);
  }

  /** Imports {@code plan}, read from {@code source} with its dates moved by {@code yearShift} years. */
  @Transactional
  public ImportResult importPlan(Plan plan, String source, int yearShift, String importedBy, String initialPassword) {
    repository.find(plan.info().id()).ifPresent(existing -> {
      throw new PlanAlreadyImportedException(existing);
    });
    List<PlanError> conflicts = identitySync.conflicts(plan);
    if (!conflicts.isEmpty()) {
      throw new PlanValidationException(conflicts);
    }
    repository.insert(plan, source, yearShift, importedBy, Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()));
    identitySync.sync(plan, initialPassword);
    tasklistFilters.ensureCampaignFilters(plan);
    // The annual-plan process starts every key task (and runs the campaigns) as its children.
    annualPlanStarter.start(plan);
    // Quarterly scoring (季度考核) of the plan's units runs beside it.
    scoringStarter.start(plan);
    long started = keyTaskStarter.countStarted(plan.info().id());
    if (started != plan.tasks().size()) {
      throw new IllegalStateException("plan " + plan.info().id() + ": " + started + " of " + plan.tasks().size() + " key tasks started");
    }
    return new ImportResult(plan.info().id(), (int) started);
  }
}
