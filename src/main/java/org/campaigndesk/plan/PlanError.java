package org.campaigndesk.plan;

/** One problem in a plan file: where it is ({@code tasks[3].leadUnits[0]}) and what is wrong. */
public record PlanError(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
