package org.campaigndesk.imports;

import org.campaigndesk.plan.PlanRepository;

public class PlanAlreadyImportedException extends RuntimeException {

  private final String planId;

  public PlanAlreadyImportedException(PlanRepository.StoredPlan existing) {
    super("plan '" + existing.id() + "' was imported on " + existing.importedAt()
        + (existing.importedBy() == null ? "" : " by " + existing.importedBy())
        + " with " + existing.keyTasks() + " key tasks; revise it (PUT /api/plans/" + existing.id() + "), or withdraw it (DELETE) first");
    this.planId = existing.id();
  }

  public String planId() {
    return planId;
  }
}
