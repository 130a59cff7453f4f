package org.campaigndesk.plan;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown with every problem found in a plan; nothing has been stored when it is thrown. */
public class PlanValidationException extends RuntimeException {

  private final List<PlanError> errors;

  public PlanValidationException(List<PlanError> errors) {
    super(errors.stream().map(PlanError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<PlanError> errors() {
    return errors;
  }
}
