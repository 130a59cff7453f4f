package org.campaigndesk.imports;

public class PlanNotFoundException extends RuntimeException {

  public PlanNotFoundException(String planId) {
    super("no plan '" + planId + "' is imported");
  }
}
