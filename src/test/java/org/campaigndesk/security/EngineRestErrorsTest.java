package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The engine's wrappers around a task listener's Chinese refusal, as its REST API answers them, come off. */
class EngineRestErrorsTest {

  @Test
  void aListenersChineseReason_isKeptAlone_whicheverWayTheListenerIsDeclared() {
    String delegate = "{\"type\":\"RestException\",\"message\":\"Cannot submit task form t1: ENGINE-03051 There was an exception"
        + " while invoking the TaskListener. Message: 'Exception while invoking TaskListener: 实施方案未通过检查：任务分解第2行·工作内容：不能为空'\"}";
    String expression = "{\"type\":\"RestException\",\"message\":\"Cannot complete task t1: ENGINE-03051 There was an exception"
        + " while invoking the TaskListener. Message: 'org.camunda.bpm.engine.ProcessEngineException: 佐证材料未通过检查：附件1：不是文件'\"}";
    assertThat(EngineRestErrors.formRejection(delegate)).isEqualTo("实施方案未通过检查：任务分解第2行·工作内容：不能为空");
    assertThat(EngineRestErrors.formRejection(expression)).isEqualTo("佐证材料未通过检查：附件1：不是文件");
  }

  @Test
  void englishFailuresAndOtherAnswers_stayAsTheyAre() {
    assertThat(EngineRestErrors.formRejection("{\"message\":\"Cannot submit task form t1: ENGINE-03051 There was an exception"
        + " while invoking the TaskListener. Message: 'java.lang.NullPointerException'\"}")).isNull();
    assertThat(EngineRestErrors.formRejection("{\"message\":\"task t1 does not exist\"}")).isNull();
    assertThat(EngineRestErrors.formRejection("not json")).isNull();
  }
}
