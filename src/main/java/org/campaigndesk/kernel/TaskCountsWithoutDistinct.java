package org.campaigndesk.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts a task list that joins nothing without PostgreSQL's DISTINCT. Tasklist asks for the count of
 * a filter with every page; on PostgreSQL the engine counts tasks as
 * {@code SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES WHERE …) countDistinct},
 * because a candidate-group or authorization join may repeat a task. Where the statement joins
 * nothing, every row is one task (ID_ is the key), so the DISTINCT only hashes every open task's id:
 * at 40,000 open tasks most of the 35–48 ms the installation administrator's 全部待办 spends in its
 * count. Such a statement is counted as {@code SELECT COUNT(*) from ACT_RU_TASK RES WHERE …}: the same
 * rows, the same parameters. A statement that joins anything, or is not of exactly this shape (other
 * databases count with count(distinct …)), is left as the engine wrote it.
 *
 * <p>The rewrite sits in the count statement's own SQL source, so no other statement pays for it. As
 * a MyBatis interceptor before, it wrapped every statement the engine prepared (each of an import's
 * 1,600 inserts) in a proxy and called it by reflection.
 */
@Component
public class TaskCountsWithoutDistinct extends AbstractProcessEnginePlugin {

  static final String STATEMENT = "selectTaskCountByQueryCriteria";

  /** The engine's PostgreSQL count around a task query whose FROM is the task table alone. */
  private static final Pattern COUNT_DISTINCT = Pattern.compile(
      "^\\s*SELECT COUNT\\(\\*\\) FROM \\(SELECT DISTINCT RES\\.ID_\\s+(from\\s+\\S*ACT_RU_TASK RES\\s+WHERE\\s.*\\S)\\s*\\)\\s*countDistinct\\s*$",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  /** Any join, anywhere (also in a sub-select: then the statement is simply left alone). */
  private static final Pattern JOIN = Pattern.compile("\\bjoin\\b", Pattern.CASE_INSENSITIVE);

  private static final Logger LOG = LoggerFactory.getLogger(TaskCountsWithoutDistinct.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    String id = configuration.getDbSqlSessionFactory().mapStatement(STATEMENT);
    if (!mybatis.hasStatement(id)) {
      LOG.warn("no statement {}: task counts keep the engine's DISTINCT", id);
      return;
    }
    MappedStatement count = mybatis.getMappedStatement(id);
    // MappedStatement has no setter; MyBatis' own reflection sets the field (one object under both of its names).
    SystemMetaObject.forObject(count).setValue("sqlSource", new CountWithoutDistinct(count.getSqlSource()));
  }

  /** The engine's count statement, its SQL without DISTINCT where {@link #withoutDistinct} allows. */
  record CountWithoutDistinct(SqlSource engines) implements SqlSource {

    @Override
    public BoundSql getBoundSql(Object parameter) {
      BoundSql bound = engines.getBoundSql(parameter);
      // Cheap test first: only PostgreSQL's count has the sub-select named so.
      String rewritten = bound.getSql().contains("countDistinct") ? withoutDistinct(bound.getSql()) : null;
      if (rewritten != null) {
        // A new BoundSql per call: the same parameters (and the additional ones of a foreach) with this text.
        SystemMetaObject.forObject(bound).setValue("sql", rewritten);
      }
      return bound;
    }
  }

  /** The count without DISTINCT, or null when {@code sql} is not a join-free task count. */
  static String withoutDistinct(String sql) {
    Matcher count = COUNT_DISTINCT.matcher(sql);
    if (!count.matches() || JOIN.matcher(sql).find()) {
      return null;
    }
    return "SELECT COUNT(*) " + count.group(1);
  }
}
