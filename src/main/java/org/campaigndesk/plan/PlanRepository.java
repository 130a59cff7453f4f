package org.campaigndesk.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Imported plans with their source text, so that a plan can always be read again as it was issued. */
@Repository
public class PlanRepository {

  public record StoredPlan(String id, String title, int year, String timezone, int keyTasks, Instant importedAt,
      String importedBy) {}

  private static final String SELECT = "select id, title, plan_year, timezone, key_tasks, imported_at, imported_by from cd_plan";
  private static final RowMapper<StoredPlan> STORED_PLAN = (rs, n) -> new StoredPlan(rs.getString(1), rs.getString(2),
      rs.getInt(3), rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getString(7));

  private final JdbcTemplate jdbc;
  private final PlanReader reader;
  private final Map<String, Plan> loaded = new ConcurrentHashMap<>();

  public PlanRepository(JdbcTemplate jdbc, PlanReader reader) {
    this.jdbc = jdbc;
    this.reader = reader;
  }

  public Optional<StoredPlan> find(String id) {
    return jdbc.query(SELECT + " where id = ?", STORED_PLAN, id).stream().findFirst();
  }

  public List<StoredPlan> findAll() {
    return jdbc.query(SELECT + " order by imported_at", STORED_PLAN);
  }

  public Optional<String> findSource(String id) {
    return jdbc.queryForList("select source from cd_plan where id = ?", String.class, id).stream().findFirst();
  }

  /**
   * @param yearShift how many years the source's dates were moved to give {@code plan} (0 for an
   *     ordinary import), so that {@link #load} gives back the same plan
   */
  public void insert(Plan plan, String source, int yearShift, String importedBy, Instant importedAt) {
    jdbc.update("insert into cd_plan (id, title, plan_year, timezone, key_tasks, source, year_shift, imported_at, imported_by)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        plan.info().id(), plan.info().title(), plan.info().year(), plan.info().timezone().getId(), plan.tasks().size(),
        source, yearShift, Timestamp.from(importedAt), importedBy);
  }

  /** The imported plan, as the processes need it; plans never change once imported, so they are cached. */
  public Plan load(String id) {
    return loaded.computeIfAbsent(id, planId -> jdbc.query("select source, year_shift from cd_plan where id = ?",
            (rs, n) -> {
              Plan plan = reader.read(rs.getString(1));
              return plan.shiftedToYear(plan.info().year() + rs.getInt(2));
            }, planId).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("plan '" + planId + "' is not imported")));
  }
}
