package org.campaigndesk.scoring;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.campaigndesk.kernel.Decisions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The score lines (cd_score_line). */
@Repository
public class ScoreRepository {

  private static final String SELECT = "select id, plan_id, tenant_id, score_quarter, unit_id, unit_name, score_rule, points,"
      + " key_task_no, key_task_label, step, event_date, description, source_instance_id, status, appeal_reason,"
      + " appeal_decision, appeal_decision_reason from cd_score_line";
  private static final RowMapper<ScoreLine> LINE = (rs, n) -> new ScoreLine(rs.getLong(1), rs.getString(2), rs.getString(3),
      rs.getString(4), rs.getString(5), rs.getString(6), ScoreRule.valueOf(rs.getString(7)), rs.getInt(8),
      (Integer) rs.getObject(9, Integer.class), rs.getString(10), rs.getString(11), rs.getDate(12).toLocalDate(),
      rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18));

  private final JdbcTemplate jdbc;

  public ScoreRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The quarter's lines of a plan, replacing any computed before (a retried job computes again);
   * lines already appealed are kept as they are.
   */
  public List<ScoreLine> replaceQuarter(String planId, String quarter, List<ScoreLine> lines, Instant now) {
    if (count(planId, quarter, "status <> 'active'") > 0) {
      return quarter(planId, quarter);
    }
    jdbc.update("delete from cd_score_line where plan_id = ? and score_quarter = ?", planId, quarter);
    for (ScoreLine l : lines) {
      jdbc.update("insert into cd_score_line (plan_id, tenant_id, score_quarter, unit_id, unit_name, score_rule, points,"
              + " key_task_no, key_task_label, step, event_date, description, source_instance_id, status, created_at)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          l.planId(), l.tenantId(), l.quarter(), l.unitId(), l.unitName(), l.rule().name(), l.points(), l.keyTaskNo(),
          l.keyTaskLabel(), l.step(), Date.valueOf(l.eventDate()), l.description(), l.sourceInstanceId(), ScoreLine.ACTIVE,
          Timestamp.from(now));
    }
    return quarter(planId, quarter);
  }

  private int count(String planId, String quarter, String condition) {
    Integer n = jdbc.queryForObject("select count(*) from cd_score_line where plan_id = ? and score_quarter = ? and " + condition,
        Integer.class, planId, quarter);
    return n == null ? 0 : n;
  }

  public boolean isScored(String planId, String quarter) {
    Integer n = jdbc.queryForObject("select count(*) from cd_score_line where plan_id = ? and score_quarter = ?",
        Integer.class, planId, quarter);
    return n != null && n > 0;
  }

  public List<ScoreLine> quarter(String planId, String quarter) {
    return jdbc.query(SELECT + " where plan_id = ? and score_quarter = ? order by unit_id, event_date, id", LINE, planId, quarter);
  }

  public List<ScoreLine> plan(String planId) {
    return jdbc.query(SELECT + " where plan_id = ? order by score_quarter, unit_id, event_date, id", LINE, planId);
  }

  /** Lines by optional filters (null: any). */
  public List<ScoreLine> find(String planId, String quarter, String unitId) {
    StringBuilder sql = new StringBuilder(SELECT + " where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (planId != null) {
      sql.append(" and plan_id = ?");
      args.add(planId);
    }
    if (quarter != null) {
      sql.append(" and score_quarter = ?");
      args.add(quarter);
    }
    if (unitId != null) {
      sql.append(" and unit_id = ?");
      args.add(unitId);
    }
    sql.append(" order by plan_id, score_quarter, unit_id, event_date, id");
    return jdbc.query(sql.toString(), LINE, args.toArray());
  }

  public List<ScoreLine> byIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", ids.stream().map(id -> "?").toList());
    return jdbc.query(SELECT + " where id in (" + marks + ") order by id", LINE, ids.toArray());
  }

  public void markAppealed(Collection<Long> ids, String reason) {
    for (Long id : ids) {
      jdbc.update("update cd_score_line set status = ?, appeal_reason = ? where id = ?", ScoreLine.APPEALED, reason, id);
    }
  }

  /**
   * The coordinator's decision in the one vocabulary ({@link Decisions}): {@code approve} removes the
   * lines from the total, {@code refuse} upholds them; both keep the reason.
   */
  public void decide(Collection<Long> ids, String decision, String reason, String decidedBy) {
    boolean approved = switch (String.valueOf(decision)) {
      case Decisions.APPROVE -> true;
      case Decisions.REFUSE -> false;
      default -> throw new IllegalArgumentException(ScoreAppeal.APPEAL_DECISION + ": '" + decision + "' is neither "
          + Decisions.APPROVE + " nor " + Decisions.REFUSE);
    };
    for (Long id : ids) {
      jdbc.update("update cd_score_line set status = ?, appeal_decision = ?, appeal_decision_reason = ?, appeal_decided_by = ?"
          + " where id = ?", approved ? ScoreLine.REMOVED : ScoreLine.UPHELD, decision, reason, decidedBy, id);
    }
  }

  /** A scored quarter with its lists as published. */
  public record ScoredQuarter(String planId, String quarter, String tenantId, Instant scoredAt, String redList,
      String blackList) {}

  public void recordQuarter(String planId, String quarter, String tenantId, Instant scoredAt, String redList, String blackList) {
    jdbc.update("delete from cd_score_quarter where plan_id = ? and score_quarter = ?", planId, quarter);
    jdbc.update("insert into cd_score_quarter (plan_id, score_quarter, tenant_id, scored_at, red_list, black_list)"
        + " values (?, ?, ?, ?, ?, ?)", planId, quarter, tenantId, Timestamp.from(scoredAt), redList, blackList);
  }

  /** Scored quarters, latest first; of one plan, or of all plans when {@code planId} is null. */
  public List<ScoredQuarter> scoredQuarters(String planId) {
    RowMapper<ScoredQuarter> mapper = (rs, n) -> new ScoredQuarter(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6));
    String select = "select plan_id, score_quarter, tenant_id, scored_at, red_list, black_list from cd_score_quarter";
    return planId == null
        ? jdbc.query(select + " order by score_quarter desc, plan_id", mapper)
        : jdbc.query(select + " where plan_id = ? order by score_quarter desc", mapper, planId);
  }
}
