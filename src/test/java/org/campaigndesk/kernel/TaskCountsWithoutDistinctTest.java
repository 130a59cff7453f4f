package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;

/** Which of the engine's task counts lose their DISTINCT: those whose FROM is the task table alone. */
class TaskCountsWithoutDistinctTest {

  @Test
  void aCountThatJoinsNothing_isCountedWithoutDistinct_sameWhereSameParameters() {
    String engines = "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES WHERE ( 1 = 1 and RES.SUSPENSION_STATE_ = 1 ) ) countDistinct";
    assertThat(TaskCountsWithoutDistinct.withoutDistinct(engines))
        .isEqualTo("SELECT COUNT(*) from ACT_RU_TASK RES WHERE ( 1 = 1 and RES.SUSPENSION_STATE_ = 1 )");

    String multiLine = "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_\n  from ACT_RU_TASK RES\n  WHERE ( 1 = 1\n and RES.TENANT_ID_ in ( ? , ? )"
        + "\n and RES.ID_ in (select TASK_ID_ from ACT_RU_VARIABLE where NAME_ = ?) )\n ) countDistinct";
    assertThat(TaskCountsWithoutDistinct.withoutDistinct(multiLine))
        .isEqualTo("SELECT COUNT(*) from ACT_RU_TASK RES\n  WHERE ( 1 = 1\n and RES.TENANT_ID_ in ( ? , ? )"
            + "\n and RES.ID_ in (select TASK_ID_ from ACT_RU_VARIABLE where NAME_ = ?) )");
  }

  @Test
  void aCountThatJoins_keepsItsDistinct() {
    // A candidate group's list: a task offered to two of the caller's groups is one task.
    assertThat(TaskCountsWithoutDistinct.withoutDistinct("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES"
        + " inner join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_ WHERE ( 1 = 1 and I.GROUP_ID_ IN ( ? , ? ) ) ) countDistinct")).isNull();
    // The authorization check's join.
    assertThat(TaskCountsWithoutDistinct.withoutDistinct("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES"
        + " left JOIN ( SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2 ) AUTH ON (AUTH.RESOURCE_ID_ = RES.ID_)"
        + " WHERE ( 1 = 1 ) AND AUTH.RESOURCE_ID_ IS NOT NULL ) countDistinct")).isNull();
    // A join inside a sub-select is left alone as well.
    assertThat(TaskCountsWithoutDistinct.withoutDistinct("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES"
        + " WHERE ( RES.ID_ in (select T.ID_ from ACT_RU_TASK T join ACT_RU_EXECUTION E on E.ID_ = T.EXECUTION_ID_) ) ) countDistinct")).isNull();
  }

  @Test
  void otherShapes_areLeftAsTheEngineWroteThem() {
    // H2's and others' count.
    assertThat(TaskCountsWithoutDistinct.withoutDistinct("select count(distinct RES.ID_) from ACT_RU_TASK RES WHERE ( 1 = 1 )")).isNull();
    // A comma join, another table, no WHERE.
    assertThat(TaskCountsWithoutDistinct.withoutDistinct(
        "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES, ACT_RU_EXECUTION E WHERE ( E.ID_ = RES.EXECUTION_ID_ ) ) countDistinct")).isNull();
    assertThat(TaskCountsWithoutDistinct.withoutDistinct(
        "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_EXECUTION RES WHERE ( 1 = 1 ) ) countDistinct")).isNull();
    assertThat(TaskCountsWithoutDistinct.withoutDistinct("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES ) countDistinct")).isNull();
    // Another column counted distinct is not a count of tasks.
    assertThat(TaskCountsWithoutDistinct.withoutDistinct(
        "SELECT COUNT(*) FROM (SELECT DISTINCT RES.PROC_INST_ID_ from ACT_RU_TASK RES WHERE ( 1 = 1 ) ) countDistinct")).isNull();
  }

  @Test
  void theCountsSqlSource_rewritesItsTextAndKeepsItsParameters() {
    Configuration mybatis = new Configuration();
    List<ParameterMapping> parameters = List.of(new ParameterMapping.Builder(mybatis, "__frch_tenant_0", String.class).build());
    String engines = "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES WHERE ( RES.TENANT_ID_ in ( ? ) ) ) countDistinct";
    TaskCountsWithoutDistinct.CountWithoutDistinct source = new TaskCountsWithoutDistinct.CountWithoutDistinct(parameter -> {
      BoundSql bound = new BoundSql(mybatis, engines, parameters, parameter);
      bound.setAdditionalParameter("__frch_tenant_0", "c001");
      return bound;
    });

    BoundSql bound = source.getBoundSql(Map.of());

    assertThat(bound.getSql()).isEqualTo("SELECT COUNT(*) from ACT_RU_TASK RES WHERE ( RES.TENANT_ID_ in ( ? ) )");
    assertThat(bound.getParameterMappings()).isEqualTo(parameters);
    assertThat(bound.getAdditionalParameter("__frch_tenant_0")).isEqualTo("c001");

    String joined = "SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_TASK RES inner join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_"
        + " WHERE ( I.GROUP_ID_ = ? ) ) countDistinct";
    assertThat(new TaskCountsWithoutDistinct.CountWithoutDistinct(parameter -> new BoundSql(mybatis, joined, parameters, parameter))
        .getBoundSql(Map.of()).getSql()).isEqualTo(joined);
  }
}
