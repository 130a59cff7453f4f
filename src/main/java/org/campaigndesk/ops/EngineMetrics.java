package org.campaigndesk.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.campaigndesk.kernel.EngineTaps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database when scraped, so they are the same on every node (aggregate with
 * max, not sum): open incidents, failed jobs, the mail backlog, imported plans. And the counters of
 * job executions that succeeded and failed on this node since it started (aggregate with sum): kept
 * by the application ({@link EngineTaps}), since history level audit writes no job log.
 */
@Component
public class EngineMetrics implements MeterBinder {

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final EngineTaps taps;
  private final MailSteps mailSteps;

  public EngineMetrics(ProcessEngine engine, JdbcTemplate jdbc, EngineTaps taps, MailSteps mailSteps) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.taps = taps;
    this.mailSteps = mailSteps;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "campaigndesk.incidents.open", "Open incidents (Cockpit)",
        () -> engine.getRuntimeService().createIncidentQuery().count());
    gauge(registry, "campaigndesk.jobs.failed", "Jobs with no retries left",
        () -> engine.getManagementService().createJobQuery().noRetriesLeft().count());
    gauge(registry, "campaigndesk.jobs.due", "Jobs due now, waiting for the job executor",
        () -> engine.getManagementService().createJobQuery().executable().count());
    gauge(registry, "campaigndesk.mails.waiting", "Jobs that decide on, record or deliver mail, waiting (first attempt or retry)",
        mailSteps::waiting);
    gauge(registry, "campaigndesk.mails.stuck", "Jobs that decide on, record or deliver mail, failed for good (incidents)",
        mailSteps::failed);
    gauge(registry, "campaigndesk.mails.pending", "Mails recorded and not yet sent (their delivery jobs wait or retry)",
        () -> jdbc.queryForObject("select count(*) from cd_mail where status = 'pending'", Long.class));
    gauge(registry, "campaigndesk.plans", "Imported plans",
        () -> jdbc.queryForObject("select count(*) from cd_plan", Long.class));
    FunctionCounter.builder("campaigndesk.jobs.executed", taps, EngineTaps::jobsSucceeded)
        .description("Jobs executed successfully on this node").register(registry);
    FunctionCounter.builder("campaigndesk.jobs.failures", taps, EngineTaps::jobsFailed)
        .description("Job executions that failed on this node, each retry counted").register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, LongSupplier value) {
    Gauge.builder(name, this, m -> safely(value)).description(description).register(registry);
  }

  /** NaN while the database cannot answer (start-up, shutdown), rather than a failed scrape. */
  private static double safely(LongSupplier value) {
    try {
      return value.getAsLong();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
