package org.campaigndesk.plan;

public class PlanNotFoundException extends RuntimeException {

  public PlanNotFoundException(String planId) {
    super("no plan '" + planId + "' is imported");
  }
}
