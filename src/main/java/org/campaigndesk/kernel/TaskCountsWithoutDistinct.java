package org.campaigndesk.kernel;

import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new Rewrite());
  }

  /** The count without DISTINCT, or null when {@code sql} is not a join-free task count. */
  static String withoutDistinct(String sql) {
    Matcher count = COUNT_DISTINCT.matcher(sql);
    if (!count.matches() || JOIN.matcher(sql).find()) {
      return null;
    }
    return "SELECT COUNT(*) " + count.group(1);
  }

  @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
  static final class Rewrite implements Interceptor {

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      StatementHandler handler = (StatementHandler) invocation.getTarget();
      BoundSql bound = handler.getBoundSql();
      // Cheap test first: this runs before every statement the engine prepares.
      if (bound.getSql().contains("countDistinct") && isTaskCount(handler)) {
        String rewritten = withoutDistinct(bound.getSql());
        if (rewritten != null) {
          org.apache.ibatis.reflection.SystemMetaObject.forObject(bound).setValue("sql", rewritten);
        }
      }
      return invocation.proceed();
    }

    /** Read through MyBatis' routing handler; a handler of another shape (wrapped by another plugin) is left alone. */
    private static boolean isTaskCount(StatementHandler handler) {
      try {
        Object statement = org.apache.ibatis.reflection.SystemMetaObject.forObject(handler).getValue("delegate.mappedStatement.id");
        return statement instanceof String id && (id.equals(STATEMENT) || id.endsWith("." + STATEMENT));
      } catch (RuntimeException notRouting) {
        return false;
      }
    }
  }
}
