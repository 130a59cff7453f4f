package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ibatis.session.Configuration;
import org.campaigndesk.AbstractAppTest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's task count carries kernel.TaskCountsWithoutDistinct's SQL source, and no statement
 * is wrapped by a MyBatis plugin of ours; counts stay right (here on H2, where the engine's text is
 * left alone; LufengOnPostgresTest counts on PostgreSQL).
 */
class TaskCountStatementTest extends AbstractAppTest {

  @Autowired
  TaskService taskService;

  @Test
  void theCountStatement_carriesTheRewrite_andNoStatementIsIntercepted() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    String id = configuration.getDbSqlSessionFactory().mapStatement(TaskCountsWithoutDistinct.STATEMENT);

    assertThat(mybatis.getMappedStatement(id).getSqlSource()).isInstanceOf(TaskCountsWithoutDistinct.CountWithoutDistinct.class);
    assertThat(mybatis.getInterceptors()).noneMatch(interceptor -> interceptor.getClass().getName().startsWith("org.campaigndesk"));
    assertThat(taskService.createTaskQuery().count()).isEqualTo(taskService.createTaskQuery().list().size());
  }
}
