package org.campaigndesk.plan;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.campaigndesk.identity.IdentitySync;
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

  public PlanImportService(PlanReader reader, PlanRepository repository, IdentitySync identitySync,
      KeyTaskStarter keyTaskStarter) {
    this.reader = reader;
    this.repository = repository;
    this.identitySync = identitySync;
    this.keyTaskStarter = keyTaskStarter;
  }

  @Transactional
  public ImportResult importPlan(String source, String importedBy, String initialPassword) {
    return importPlan(reader.read(source), source, importedBy, initialPassword);
  }

  @Transactional
  public ImportResult importPlan(Plan plan, String source, String importedBy, String initialPassword) {
    repository.find(plan.info().id()).ifPresent(existing -> {
      throw new PlanAlreadyImportedException(existing);
    });
    List<PlanError> conflicts = identitySync.conflicts(plan);
    if (!conflicts.isEmpty()) {
      throw new PlanValidationException(conflicts);
    }
    repository.insert(plan, source, importedBy, Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()));
    identitySync.sync(plan, initialPassword);
    plan.tasks().forEach(task -> keyTaskStarter.start(plan, task));
    return new ImportResult(plan.info().id(), plan.tasks().size());
  }
}
