package org.campaigndesk.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Start-up migrations that the engine refused on this node: which instances stayed on which
 * definition, and why. Health component {@code upgrades}: UP with the details (the instances still
 * run; a node must not leave the load balancer for it), and the gauge
 * {@code campaigndesk.upgrades.left.behind} (instances), so that an operator sees them and fixes the
 * migration before the next start.
 */
@Component("upgradesHealthIndicator")
public class UpgradeFailures extends AbstractHealthIndicator implements MeterBinder {

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeFailures.class);

  /** Instances of {@code sourceDefinitionId} that did not move to {@code targetDefinitionId}. */
  public record LeftBehind(String sourceDefinitionId, String targetDefinitionId, List<String> instanceIds, String error) {}

  private final Map<String, LeftBehind> bySource = new LinkedHashMap<>();

  public UpgradeFailures() {
    super("upgrade health check failed");
  }

  synchronized void leftBehind(String sourceDefinitionId, String targetDefinitionId, List<String> instanceIds, RuntimeException e) {
    if (bySource.containsKey(sourceDefinitionId)) {
      return;
    }
    LOG.error("Start-up migration of {} instances from {} to {} failed; they stay on {}: {}", instanceIds.size(), sourceDefinitionId,
        targetDefinitionId, sourceDefinitionId, instanceIds, e);
    bySource.put(sourceDefinitionId, new LeftBehind(sourceDefinitionId, targetDefinitionId, List.copyOf(instanceIds),
        String.valueOf(e.getMessage())));
  }

  public synchronized List<LeftBehind> all() {
    return new ArrayList<>(bySource.values());
  }

  synchronized boolean hasLeft(String sourceDefinitionId) {
    return bySource.containsKey(sourceDefinitionId);
  }

  synchronized boolean isLeftBehind(String instanceId) {
    return bySource.values().stream().anyMatch(l -> l.instanceIds().contains(instanceId));
  }

  synchronized int instances() {
    return bySource.values().stream().mapToInt(l -> l.instanceIds().size()).sum();
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up().withDetail("instancesLeftOnTheirDefinition", instances()).withDetail("failedMigrations", all());
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("campaigndesk.upgrades.left.behind", this, UpgradeFailures::instances)
        .description("Instances that a start-up migration on this node left on their definition").register(registry);
  }
}
