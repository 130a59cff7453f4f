package org.campaigndesk.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Imported plans with their source text, so that a plan can always be read again as it was issued,
 * with its region, its status (active, archived, withdrawn) and its revision.
 */
@Repository
public class PlanRepository {

  public static final String ACTIVE = "active";
  public static final String ARCHIVED = "archived";
  public static final String WITHDRAWN = "withdrawn";

  public record StoredPlan(String id, String title, int year, String timezone, int keyTasks, Instant importedAt,
      String importedBy, String regionId, String status, String statusReason, Instant statusChangedAt, int revision) {}

  private static final String SELECT = "select id, title, plan_year, timezone, key_tasks, imported_at, imported_by,"
      + " region_id, status, status_reason, status_changed_at, revision from cd_plan";
  private static final RowMapper<StoredPlan> STORED_PLAN = (rs, n) -> new StoredPlan(rs.getString(1), rs.getString(2),
      rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8),
      rs.getString(9), rs.getString(10), rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getInt(12));

  private final JdbcTemplate jdbc;
  private final PlanReader reader;
  private final PlanPrincipals principals;
  private final Map<String, Plan> loaded = new ConcurrentHashMap<>();

  public PlanRepository(JdbcTemplate jdbc, PlanReader reader, PlanPrincipals principals) {
    this.jdbc = jdbc;
    this.reader = reader;
    this.principals = principals;
  }

  public Optional<StoredPlan> find(String id) {
    return jdbc.query(SELECT + " where id = ?", STORED_PLAN, id).stream().findFirst();
  }

  public List<StoredPlan> findAll() {
    return jdbc.query(SELECT + " order by imported_at", STORED_PLAN);
  }

  /** The plans of the given regions (a plan stored before regions existed counts as {@code legacyRegion}'s). */
  public List<StoredPlan> findInRegions(Collection<String> regionIds, String legacyRegion) {
    return findAll().stream().filter(p -> regionIds.contains(p.regionId() == null ? legacyRegion : p.regionId())).toList();
  }

  public Optional<String> findSource(String id) {
    return jdbc.queryForList("select source from cd_plan where id = ?", String.class, id).stream().findFirst();
  }

  /**
   * @param yearShift how many years the source's dates were moved to give {@code plan} (0 for an
   *     ordinary import), so that {@link #load} gives back the same plan
   */
  public void insert(Plan plan, String source, int yearShift, String importedBy, Instant importedAt, String status) {
    jdbc.update("insert into cd_plan (id, title, plan_year, timezone, key_tasks, source, year_shift, imported_at, imported_by,"
            + " region_id, status, revision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        plan.info().id(), plan.info().title(), plan.info().year(), plan.info().timezone().getId(), plan.tasks().size(),
        source, yearShift, Timestamp.from(importedAt), importedBy, plan.regionId(), status);
  }

  /** A new revision of a plan: its source is replaced; running key tasks keep going. */
  public void revise(Plan plan, String source, String by, Instant at) {
    jdbc.update("update cd_plan set title = ?, plan_year = ?, key_tasks = ?, source = ?, year_shift = 0, revision = revision + 1,"
            + " status_changed_at = ?, status_changed_by = ?, status_reason = ? where id = ?",
        plan.info().title(), plan.info().year(), plan.tasks().size(), source, Timestamp.from(at), by, "修订", plan.info().id());
    loaded.remove(plan.info().id());
  }

  public void changeStatus(String id, String status, String reason, String by, Instant at) {
    jdbc.update("update cd_plan set status = ?, status_reason = ?, status_changed_at = ?, status_changed_by = ? where id = ?",
        status, reason, Timestamp.from(at), by, id);
  }

  /** Drops the cached plan: a transaction that loaded it was rolled back. */
  public void forget(String id) {
    loaded.remove(id);
  }

  /** The region of a plan stored before regions existed: the installation's default, written down once. */
  public void placeLegacy(String id, String regionId) {
    jdbc.update("update cd_plan set region_id = ? where id = ? and region_id is null", regionId, id);
    loaded.remove(id);
  }

  /**
   * The imported plan as the processes need it: in its region, with installation-wide unit and
   * leader ids. Cached; a revision replaces the cached plan.
   */
  public Plan load(String id) {
    return loaded.computeIfAbsent(id, planId -> jdbc.query("select source, year_shift, region_id from cd_plan where id = ?",
            (rs, n) -> {
              Plan plan = reader.read(rs.getString(1));
              plan = plan.shiftedToYear(plan.info().year() + rs.getInt(2));
              String regionId = rs.getString(3);
              if (regionId == null) {
                return plan;
              }
              if (plan.info().region() == null || !plan.info().region().id().equals(regionId)) {
                plan = plan.withRegion(new Plan.Region(regionId, plan.info().region() == null ? regionId : plan.info().region().name()));
              }
              return principals.mapping(regionId).apply(plan);
            }, planId).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("plan '" + planId + "' is not imported")));
  }
}
