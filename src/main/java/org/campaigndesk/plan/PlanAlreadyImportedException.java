package org.campaigndesk.plan;

public class PlanAlreadyImportedException extends RuntimeException {

  private final String planId;

  public PlanAlreadyImportedException(PlanRepository.StoredPlan existing) {
    super("plan '" + existing.id() + "' was imported on " + existing.importedAt()
        + (existing.importedBy() == null ? "" : " by " + existing.importedBy())
        + " with " + existing.keyTasks() + " key tasks; give a new plan id to import another version");
    this.planId = existing.id();
  }

  public String planId() {
    return planId;
  }
}
