package org.campaigndesk.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.JobDefinitionsAhead;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.OneEngineCommand;
import org.campaigndesk.kernel.TableStatistics;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.identity.TasklistFilters;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanError;
import org.campaigndesk.plan.PlanPrincipals;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.plan.PlanValidationException;
import org.campaigndesk.scoring.ScoringStarter;
import org.campaigndesk.task.KeyTaskStarter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Imports a plan: checks it, places it in its county (region), gives its units and leaders their
 * installation ids, stores it, creates its people and starts its annual plan with every key task.
 * One transaction: any failure leaves nothing stored and nothing started. Imports of one county
 * (or of one plan id) run one after another, on every node; imports of different counties run side
 * by side ({@link ImportLocks}), and one that lost a race for what counties share is run again.
 */
@Service
public class PlanImportService {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlanImportService.class);

  /** How to import: a dry run stores nothing; an archive stores the plan as a record and schedules nothing. */
  public record Options(boolean dryRun, boolean archive, boolean allowChanges) {
    public static final Options IMPORT = new Options(false, false, false);

    public Options(boolean dryRun, boolean archive) {
      this(dryRun, archive, false);
    }
  }

  /**
   * The answer of an import or a dry run: what was (or would be) created, and the warnings. A key
   * task overdue at import counts in {@code overdueAtImport}: its units get one notice listing them.
   */
  public record ImportResult(String planId, String regionId, String status, int keyTasks, int keyTasksStarted,
      int keyTasksAwaitingOwner, int overdueAtImport, int campaigns, int supervisionTargets, int units, int leaders,
      List<PlanError> warnings, boolean dryRun, List<PlanError> changes) {}

  /** Which counties the importing user may import into; null: every county (the administrator, or the application itself). */
  public record Importer(String userId, Set<String> regions, boolean mayCreateRegion) {
    public static Importer trusted(String userId) {
      return new Importer(userId, null, true);
    }
  }

  private final PlanReader reader;
  private final PlanRepository repository;
  private final PlanPrincipals principals;
  private final IdentitySync identitySync;
  private final KeyTaskStarter keyTaskStarter;
  private final AnnualPlanStarter annualPlanStarter;
  private final ScoringStarter scoringStarter;
  private final TasklistFilters tasklistFilters;
  private final CampaignDeskProperties properties;
  private final JdbcTemplate jdbc;
  private final org.springframework.transaction.support.TransactionTemplate transactions;
  private final TableStatistics tableStatistics;
  private final org.campaigndesk.campaign.AnnualPlan annualPlan;
  /** The status of an answer whose key tasks are still being started (a large plan, fanned out). */
  public static final String STARTING = "starting";
  /** Attempts of one import that keeps losing races (each waits for the winner, so a second one normally succeeds). */
  static final int ATTEMPTS = 5;
  private final ImportLocks locks;
  private final org.camunda.bpm.engine.ProcessEngine engine;

  public PlanImportService(PlanReader reader, PlanRepository repository, PlanPrincipals principals, IdentitySync identitySync,
      KeyTaskStarter keyTaskStarter, AnnualPlanStarter annualPlanStarter, TasklistFilters tasklistFilters,
      CampaignDeskProperties properties, JdbcTemplate jdbc,
      org.springframework.transaction.PlatformTransactionManager transactionManager, ScoringStarter scoringStarter,
      TableStatistics tableStatistics, org.campaigndesk.campaign.AnnualPlan annualPlan, ImportLocks locks,
      org.camunda.bpm.engine.ProcessEngine engine) {
    this.locks = locks;
    this.engine = engine;
    this.tableStatistics = tableStatistics;
    this.annualPlan = annualPlan;
    this.scoringStarter = scoringStarter;
    this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    this.principals = principals;
    this.tasklistFilters = tasklistFilters;
    this.annualPlanStarter = annualPlanStarter;
    this.reader = reader;
    this.repository = repository;
    this.identitySync = identitySync;
    this.keyTaskStarter = keyTaskStarter;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  public ImportResult importPlan(String source, String importedBy, String initialPassword) {
    return importPlan(reader.read(source), source, 0, Importer.trusted(importedBy), initialPassword, Options.IMPORT);
  }

  public ImportResult importPlan(String source, Importer importer, String initialPassword, Options options) {
    return importPlan(reader.read(source), source, 0, importer, initialPassword, options);
  }

  /** Imports {@code plan}, read from {@code source} with its dates moved by {@code yearShift} years. */
  public ImportResult importPlan(Plan plan, String source, int yearShift, Importer importer, String initialPassword,
      Options options) {
    return serially(keys(placed(plan).regionId(), plan.info().id()),
        () -> doImport(plan, source, yearShift, importer, initialPassword, options));
  }

  /** What an import, withdrawal or revision of plan {@code planId} in county {@code regionId} waits for. */
  public static List<String> keys(String regionId, String planId) {
    return List.of(ImportLocks.region(regionId), ImportLocks.plan(planId));
  }

  /**
   * Runs {@code work} in a transaction of its own, after every earlier import, withdrawal or
   * revision holding one of {@code keys} (its county, its plan id; see {@link #keys}) has finished,
   * on this node and on every other. One that lost a race with another county's import (a deadlock,
   * an id both picked) is rolled back and run again, up to {@link #ATTEMPTS} times.
   */
  public <T> T serially(java.util.Collection<String> keys, java.util.function.Supplier<T> work) {
    // Inside a caller's transaction a failure cannot be undone and run again here.
    boolean mayRunAgain = !org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive();
    try (ImportLocks.Held held = locks.enter(keys)) {
      for (int attempt = 1; ; attempt++) {
        try {
          T result = transactions.execute(status -> {
            locks.lockInDatabase(keys);
            return work.get();
          });
          // An import adds thousands of rows: the planner must know before the next task list is asked for.
          tableStatistics.refreshSoon();
          return result;
        } catch (RuntimeException e) {
          forgetPlans(keys);
          if (!mayRunAgain || !ConcurrencyFailures.lostARace(e)) {
            throw e;
          }
          if (attempt >= ATTEMPTS) {
            throw new ImportRacesLostException(attempt, e);
          }
          LOG.info("{} lost a race with another transaction (attempt {} of {}), running it again: {}", keys, attempt, ATTEMPTS,
              e.toString());
          pause(attempt);
        }
      }
    }
  }

  /** A rolled-back plan must not stay in the repository's cache (run again, its ids may differ). */
  private void forgetPlans(java.util.Collection<String> keys) {
    keys.stream().filter(k -> k.startsWith(ImportLocks.PLAN)).forEach(k -> repository.forget(k.substring(ImportLocks.PLAN.length())));
  }

  /** A short, growing, random pause, so that two losers of a deadlock do not meet again at once. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(10, 50L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before running the import again", e);
    }
  }

  private ImportResult doImport(Plan plan, String source, int yearShift, Importer importer, String initialPassword,
      Options options) {
    Phases phases = new Phases();
    try {
      return doImport(plan, source, yearShift, importer, initialPassword, options, phases);
    } finally {
      if (LOG.isDebugEnabled()) {
        LOG.debug("import of {} ({} key tasks): {}", plan.info().id(), plan.tasks().size(), phases);
      }
    }
  }

  /** Milliseconds per step of one import, for the debug log (where an import's time goes). */
  private static final class Phases {
    private final StringBuilder text = new StringBuilder();
    private long at = System.nanoTime();

    void done(String phase) {
      long now = System.nanoTime();
      text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - at) / 1_000_000).append(" ms");
      at = now;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  private ImportResult doImport(Plan plan, String source, int yearShift, Importer importer, String initialPassword,
      Options options, Phases phases) {
    plan = placed(plan);
    checkRegionAccess(importer, plan.info().region());
    Instant now = Clocks.instant();
    if (!options.archive()) {
      refuseIfOver(plan, now);
    }
    repository.find(plan.info().id()).ifPresent(existing -> {
      throw new PlanAlreadyImportedException(existing);
    });
    Plan local = plan;
    phases.done("checks");
    // The ids an import may give: each local id, and the county-qualified one (PlanPrincipals), asked for at once.
    List<String> candidates = new ArrayList<>();
    for (String id : java.util.stream.Stream.concat(plan.units().stream().map(Plan.Unit::id), plan.leaders().stream().map(Plan.Leader::id)).toList()) {
      candidates.add(id);
      candidates.add(plan.regionId() + "." + id);
    }
    IdentitySync.Held held = identitySync.heldAmong(candidates);
    plan = principals.assign(plan.regionId(), plan, held, !options.dryRun()).apply(plan);
    phases.done("ids");
    // What the identity store holds of the plan's people, read once for the checks and the writes.
    IdentitySync.Known known = identitySync.known(plan, held);
    List<PlanError> conflicts = identitySync.conflicts(plan, known);
    if (!conflicts.isEmpty()) {
      throw new PlanValidationException(conflicts);
    }
    List<PlanError> changes = changesAllowed(identitySync.changes(plan, known), options.allowChanges());
    String status = options.archive() ? PlanRepository.ARCHIVED : PlanRepository.ACTIVE;
    int overdue = options.archive() ? 0 : overdueAt(plan, now);
    phases.done("conflicts and changes");
    if (options.dryRun()) {
      return result(plan, status, 0, overdue, true, changes);
    }
    repository.insert(local, source, yearShift, importer.userId(), now, status);
    phases.done("stored");
    // Whoever imports a county's plan as a coordinator coordinates that county (the administrator can change it in Admin).
    String coordinator = identitySync.isMember(importer.userId(), IdentitySync.COORDINATORS) ? importer.userId() : null;
    identitySync.sync(plan, known, initialPassword, coordinator);
    if (options.archive()) {
      return result(plan, status, 0, 0, false, changes);
    }
    phases.done("people");
    // Campaign filters are shared by every county: written (under the installation-wide lock) only when one is missing.
    if (!tasklistFilters.hasCampaignFilters(plan)) {
      locks.lockShared();
      tasklistFilters.ensureCampaignFilters(plan);
    }
    phases.done("filters");
    // The annual-plan process starts every key task (and runs the campaigns) as its children; the
    // quarterly scoring (季度考核) of the plan's units runs beside it. One engine command: one flush,
    // so that the two instances' rows of one kind go in one batch.
    Plan started = plan;
    long keyTasks = OneEngineCommand.run(engine, () -> {
      // The jobs the instances make read their definitions from the command's cache: one select, not one per definition.
      JobDefinitionsAhead.readLatest();
      annualPlanStarter.start(started, now);
      scoringStarter.start(started);
      // The plan is new: the key tasks this command started are all of its key tasks (counted without a query).
      return OneEngineCommand.instancesStarted(KeyTaskVariables.PROCESS_KEY);
    });
    phases.done("annual plan, key tasks and scoring");
    if (annualPlan.fansOut(plan.tasks().size())) {
      // Started one by one by the job executor after this commit; GET /api/plans/{id}/progress follows them.
      return result(plan, STARTING, (int) keyTasks, overdue, false, changes);
    }
    if (keyTasks != plan.tasks().size()) {
      throw new IllegalStateException("plan " + plan.info().id() + ": " + keyTasks + " of " + plan.tasks().size() + " key tasks started");
    }
    return result(plan, status, (int) keyTasks, overdue, false, changes);
  }

  /** Key tasks of a plan started so far, running or ended: a large plan's progress. */
  public long keyTasksStarted(String planId) {
    return keyTaskStarter.countStartedEver(planId);
  }

  /** The plan in its region: its own, or the installation's default. */
  public Plan placed(Plan plan) {
    if (plan.info().region() != null) {
      return plan;
    }
    CampaignDeskProperties.DefaultRegion fallback = properties.defaultRegion();
    if (!fallback.isSet()) {
      throw new PlanValidationException(List.of(new PlanError("plan.region",
          "is required: this installation has no default region; name the county, e.g. region: {id: lufeng, name: 禄丰县}")));
    }
    return plan.withRegion(new Plan.Region(fallback.id(), fallback.name() == null ? fallback.id() : fallback.name()));
  }

  public void checkRegionAccess(Importer importer, Plan.Region region) {
    if (importer.regions() == null || importer.regions().contains(region.id())) {
      return;
    }
    boolean exists = identitySync.regionExists(region.id());
    if (exists || !importer.mayCreateRegion()) {
      throw new RegionAccessDeniedException(importer.userId(), region.id());
    }
  }

  /** A plan whose span (and last campaign) is over would only schedule next year's work: import it as a record instead. */
  private static void refuseIfOver(Plan plan, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, plan.info().timezone());
    LocalDate end = plan.campaigns().stream().map(Plan.Campaign::end).max(Comparator.naturalOrder())
        .filter(e -> e.isAfter(LocalDate.of(plan.info().year(), 12, 31)))
        .orElse(LocalDate.of(plan.info().year(), 12, 31));
    if (today.isAfter(end)) {
      throw new PlanValidationException(List.of(new PlanError(plan.info().multiYear() ? "plan.years" : "plan.year",
          "the plan's span " + plan.info().spanText() + " ended on " + end + " (today is " + today
              + "): nothing is left to schedule; import it as a record with ?archive=true")));
    }
  }

  /** Key tasks whose deadline has passed at import. */
  static int overdueAt(Plan plan, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, plan.info().timezone());
    return (int) plan.tasks().stream().filter(t -> t.overdueOn(today)).count();
  }

  /**
   * A unit or leader the county knows already keeps its name and address unless the import says
   * {@code allowChanges}: an import must not quietly send a unit's mail somewhere else.
   */
  public static List<PlanError> changesAllowed(List<PlanError> changes, boolean allowChanges) {
    if (!changes.isEmpty() && !allowChanges) {
      List<PlanError> errors = new ArrayList<>();
      changes.forEach(c -> errors.add(new PlanError(c.path(), c.message() + "; to change it, send the plan with ?allowChanges=true")));
      throw new PlanValidationException(errors);
    }
    return changes;
  }

  private static ImportResult result(Plan plan, String status, int started, int overdue, boolean dryRun,
      List<PlanError> changes) {
    int awaiting = (int) plan.tasks().stream().filter(Plan.KeyTask::awaitingOwner).count();
    return new ImportResult(plan.info().id(), plan.regionId(), status, plan.tasks().size(), started, awaiting, overdue,
        plan.campaigns().size(),
        plan.supervision() == null ? 0 : plan.supervision().targets().size(), plan.units().size(), plan.leaders().size(),
        new ArrayList<>(plan.warnings()), dryRun, changes);
  }
}
