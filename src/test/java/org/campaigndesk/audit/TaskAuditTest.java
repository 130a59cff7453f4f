package org.campaigndesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.campaigndesk.TimeTravel.at;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.EngineTaps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At history level audit the engine keeps no identity link log, operation log, variable updates
 * or job log; the application keeps what it reads of them: who a task was offered to and completed
 * by, each value set on a key task after its start, and the job counters.
 */
class TaskAuditTest extends AbstractAppTest {

  static final String PASSWORD = "audit-pw";

  @Autowired
  PlanImportService importService;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  TaskAudit audit;
  @Autowired
  VariableChangeLog changes;
  @Autowired
  AuditCleanup cleanup;
  @Autowired
  EngineTaps taps;

  @BeforeEach
  void importPlan() {
    ClockUtil.setCurrentTime(at("2026-03-10T10:00:00+08:00"));
    planId = "au-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId).replace("t-", "au-"), "test", PASSWORD);
  }

  @Test
  void theEngineWritesAuditHistory_withoutDetailsIdentityLinkOrOperationLog() {
    ProcessInstance pi = keyTask(1);
    completeAs("au-agri", task("Task_SignFor", pi), Map.of("signedBy", "王五", "signedByPhone", "0878-1234567"));

    assertThat(processEngine.getProcessEngineConfiguration().getHistory()).isEqualTo("audit");
    assertThat(jdbc.queryForObject("select count(*) from ACT_HI_DETAIL where PROC_INST_ID_ = ?", Long.class, pi.getId())).isZero();
    assertThat(jdbc.queryForObject("select count(*) from ACT_HI_IDENTITYLINK where ROOT_PROC_INST_ID_ = ?", Long.class, pi.getId()))
        .isZero();
    assertThat(jdbc.queryForObject("select count(*) from ACT_HI_OP_LOG where PROC_INST_ID_ = ?", Long.class, pi.getId())).isZero();
    // What audit does keep: the tasks, and each variable's last value.
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(pi.getId()).finished().count()).isEqualTo(1);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("signedBy")
        .singleResult().getValue()).isEqualTo("王五");
  }

  @Test
  void aTaskCompletedWithoutClaim_namesItsCompleter_andItsUnitWasOffered() {
    ProcessInstance pi = keyTask(1);
    Task signFor = task("Task_SignFor", pi);
    ClockUtil.setCurrentTime(at("2026-03-11T09:15:00+08:00"));
    completeAs("au-agri", signFor, Map.of("signedBy", "王五", "signedByPhone", "0878-1234567"));

    assertThat(audit.offeredGroups(signFor.getId())).contains("au-agri");
    assertThat(audit.completedBy(signFor.getId())).contains("au-agri");
    assertThat(audit.tookPart(signFor.getId(), "nobody", List.of("au-agri"))).isTrue();
    assertThat(audit.tookPart(signFor.getId(), "au-water", List.of("au-water"))).isFalse();
    assertThat(audit.offeredInProcess(pi.getId(), List.of("au-agri"))).isTrue();
    assertThat(audit.offeredInProcess(pi.getId(), List.of("au-water"))).isFalse();
    // The task link says who did it and when (no assignee: the completer the audit recorded, not "系统").
    ResponseEntity<String> page = rest.withBasicAuth("au-agri", PASSWORD).getForEntity("/go/task/" + signFor.getId(), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("该任务已办理完毕：测试县农业农村局").contains("于2026年3月11日 09:15办理")
        .doesNotContain("系统");
    // A unit that took no part in the key task does not see it.
    assertThat(rest.withBasicAuth("au-water", PASSWORD).getForEntity("/go/task/" + signFor.getId(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aTaskHandedToAnotherUnit_wasOfferedToBoth_andTheChangeIsRecorded() {
    ProcessInstance pi = keyTask(1);
    Task signFor = task("Task_SignFor", pi);
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    ResponseEntity<String> changed = rest.withBasicAuth("admin", "test-admin").postForEntity(
        "/api/plans/" + planId + "/tasks/1/lead-unit",
        new org.springframework.http.HttpEntity<>("{\"leadUnit\": \"测试县水务局\", \"reason\": \"职能调整\"}", headers), String.class);
    assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(200);

    // Offered to the new lead unit (an update of the open task), and once offered to the old one, as the identity link log kept it.
    assertThat(audit.offeredGroups(signFor.getId())).contains("au-agri", "au-water");
    // The key task's record changed, and of its index the lead unit's name (nothing else of it).
    assertThat(changes.of(pi.getId())).extracting(VariableChangeLog.Change::name).contains("keyTask", "leadUnitName")
        .doesNotContain("planId", "taskNo", "taskLabel", "deadlineText");
    assertThat(changes.of(pi.getId())).filteredOn(c -> c.name().equals("leadUnitName")).extracting(VariableChangeLog.Change::value)
        .containsExactly("测试县水务局");
    assertThat(changes.of(pi.getId())).filteredOn(c -> c.name().equals("keyTask")).extracting(c -> String.valueOf(c.value()))
        .singleElement().asString().contains("\"leadUnit\":{\"id\":\"au-water\"");
  }

  @Test
  void valuesSetAfterTheStart_areRecordedWithTheirTime_notThoseTheKeyTaskStartedWith() {
    ProcessInstance pi = keyTask(1);
    ClockUtil.setCurrentTime(at("2026-03-11T09:15:00+08:00"));
    completeAs("au-agri", task("Task_SignFor", pi), Map.of("signedBy", "王五", "signedByPhone", "0878-1234567"));
    runtimeService.setVariable(pi.getId(), "signedBy", "赵六");

    List<VariableChangeLog.Change> recorded = changes.of(pi.getId());
    assertThat(recorded).filteredOn(c -> c.name().equals("signedBy")).extracting(VariableChangeLog.Change::value)
        .containsExactly("王五", "赵六");
    assertThat(recorded).filteredOn(c -> c.name().equals("signedBy")).first()
        .satisfies(c -> assertThat(c.time()).isEqualTo(at("2026-03-11T09:15:00+08:00")));
    // Started with (plan, title, deadline, units ...): in the key task's row, not recorded again.
    assertThat(recorded).extracting(VariableChangeLog.Change::name).doesNotContain("planId", "deadline", "leadUnitId");
    assertThat(runtimeService.getVariable(pi.getId(), "planId")).isEqualTo(planId);
  }

  @Test
  void rowsOfInstancesWhoseHistoryWasCleanedUp_go() {
    ProcessInstance pi = keyTask(1);
    completeAs("au-agri", task("Task_SignFor", pi), Map.of("signedBy", "王五", "signedByPhone", "0878-1234567"));
    ProcessInstance other = keyTask(2);
    long othersBefore = jdbc.queryForObject("select count(*) from cd_task_party where process_instance_id = ?", Long.class,
        other.getId());
    assertThat(othersBefore).isPositive();

    runtimeService.deleteProcessInstance(pi.getId(), "test", true, true, true);
    historyService.deleteHistoricProcessInstance(pi.getId());
    assertThat(cleanup.removeWhatHistoryCleanupRemoved()).isPositive();

    assertThat(jdbc.queryForObject("select count(*) from cd_task_party where process_instance_id = ?", Long.class, pi.getId())).isZero();
    assertThat(changes.of(pi.getId())).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from cd_task_party where process_instance_id = ?", Long.class, other.getId()))
        .isEqualTo(othersBefore);
  }

  @Test
  void jobExecutions_areCounted() {
    long before = taps.jobsSucceeded();
    ProcessInstance pi = keyTask(1);
    var job = processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).list().get(0);
    processEngine.getManagementService().executeJob(job.getId());

    assertThat(taps.jobsSucceeded()).isEqualTo(before + 1);
  }

  @Test
  void failedJobExecutions_areCounted_eachRetry() {
    var repository = processEngine.getRepositoryService();
    String deployment = repository.createDeployment().addModelInstance("audit-failing.bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("audit-failing").camundaHistoryTimeToLive(1).startEvent()
            .serviceTask("Task_Fails").camundaAsyncBefore().camundaExpression("${noSuchBean.run()}").endEvent().done())
        .deploy().getId();
    try {
      ProcessInstance pi = runtimeService.startProcessInstanceByKey("audit-failing");
      var management = processEngine.getManagementService();
      long failedBefore = taps.jobsFailed();
      long succeededBefore = taps.jobsSucceeded();
      for (int attempt = 0; attempt < 2; attempt++) {
        String job = management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(job)).hasMessageContaining("noSuchBean");
      }

      assertThat(taps.jobsFailed()).isEqualTo(failedBefore + 2);
      assertThat(taps.jobsSucceeded()).isEqualTo(succeededBefore);
    } finally {
      repository.deleteDeployment(deployment, true);
    }
  }

  private void completeAs(String userId, Task task, Map<String, Object> variables) {
    // As Tasklist calls it: the user with his groups and counties.
    identityService.setAuthentication(userId,
        identityService.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList(),
        identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream().map(t -> t.getId()).toList());
    try {
      taskService().complete(task.getId(), variables);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
