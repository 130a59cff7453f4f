package org.campaigndesk.imports;

/** An action the plan's status does not allow (revising a withdrawn plan, withdrawing it twice). */
public class PlanStateException extends RuntimeException {

  public PlanStateException(String message) {
    super(message);
  }
}
