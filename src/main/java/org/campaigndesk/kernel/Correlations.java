package org.campaigndesk.kernel;

import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;

/** What message correlation offers beyond its public API. */
public final class Correlations {

  private Correlations() {}

  /**
   * The message reaches waiting executions only and starts no process: the engine then skips its
   * lookup of message start events by name (a query per correlation). The public API has only the
   * opposite ({@code startMessageOnly}).
   */
  public static MessageCorrelationBuilder executionsOnly(MessageCorrelationBuilder correlation) {
    return ((MessageCorrelationBuilderImpl) correlation).executionsOnly();
  }
}
