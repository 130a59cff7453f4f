package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.JsonApi;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskStarter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Must-show 5 and the guard's basic cases: no 500 for an authorization problem, no planted object, no retry used up by a refusal. */
class EngineRestBoundaryTest extends AbstractAppTest {

  static final String PLAN = "rb-plan";
  static final String PASSWORD = "boundary-pw";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;

  @BeforeEach
  void plan() {
    if (identityService.createGroupQuery().groupId("rb-agri").count() == 0) {
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "rb-"), "test", null);
      JsonApi.passwords(identityService, PASSWORD, List.of("rb-agri", "rb-water", "rb-town1"));
    }
  }

  Task signFor(int no) {
    return taskService.createTaskQuery().processInstanceBusinessKey(KeyTaskStarter.businessKey(PLAN, no))
        .taskDefinitionKey("Task_SignFor").singleResult();
  }

  ResponseEntity<String> send(String user, String password, HttpMethod method, String path, String json) {
    return new JsonApi(rest).send(user, password, method, path, json);
  }

  @Test
  void aUnitDeletingItsOwnTask_is403_not500() {
    Task task = signFor(1);
    ResponseEntity<String> response = send("rb-agri", PASSWORD, HttpMethod.DELETE, "/engine-rest/task/" + task.getId(), null);
    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat(response.getBody()).contains("无权执行此操作");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void anObjectVariableOfJavaIoFile_isRefused() {
    Task task = signFor(1);
    String file = "{\"value\": \"\\\"/etc/passwd\\\"\", \"type\": \"Object\", \"valueInfo\": {\"objectTypeName\": \"java.io.File\","
        + " \"serializationDataFormat\": \"application/json\"}}";
    ResponseEntity<String> planted = send("admin", "test-admin", HttpMethod.PUT,
        "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/evidenceFile", file);
    ResponseEntity<String> read = send("admin", "test-admin", HttpMethod.GET,
        "/engine-rest/process-instance/" + task.getProcessInstanceId() + "/variables/evidenceFile?deserializeValue=true", null);
    // A coordinator can store it (serialized, nobody builds it), but the engine never turns it into a File.
    assertThat(planted.getStatusCode().value()).isEqualTo(204);
    assertThat(read.getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(read.getBody()).contains("java.io.File").doesNotContain("\"value\":{");
    // A unit cannot even store it: no form field submits an object.
    ResponseEntity<String> byUnit = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/variables",
        "{\"modifications\": {\"signForNote\": " + file + "}}");
    assertThat(byUnit.getStatusCode().value()).isEqualTo(403);
    assertThat(byUnit.getBody()).contains("signForNote");
    assertThat(taskService.getVariable(task.getId(), "signForNote")).isNotInstanceOf(java.io.File.class);
  }

  @Test
  void aJobCallByAUnit_isRefusedBeforeTheEngine_andLeavesTheJobAlone() {
    // The key task's timer that starts its deadline watch when the first reminder is due.
    Job reminder = managementService.createJobQuery().processInstanceId(signFor(2).getProcessInstanceId()).timers().list().get(0);
    int retries = reminder.getRetries();
    for (int i = 0; i < 4; i++) {
      ResponseEntity<String> execute = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/job/" + reminder.getId() + "/execute", "{}");
      assertThat(execute.getStatusCode().value()).isEqualTo(403);
    }
    Job after = managementService.createJobQuery().jobId(reminder.getId()).singleResult();
    assertThat(after.getRetries()).isEqualTo(retries);
    assertThat(after.getExceptionMessage()).isNull();
    assertThat(send("rb-agri", PASSWORD, HttpMethod.GET, "/engine-rest/job?maxResults=10", null).getStatusCode().value()).isEqualTo(403);
    assertThat(send("rb-agri", PASSWORD, HttpMethod.GET, "/engine-rest/incident", null).getStatusCode().value()).isEqualTo(403);
    // The coordinators keep their tools.
    assertThat(send("admin", "test-admin", HttpMethod.GET, "/engine-rest/job?maxResults=10", null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void aUnitWritesOnlyItsFormsFields() {
    Task task = signFor(1);
    ResponseEntity<String> foreign = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/variables",
        "{\"modifications\": {\"leadUnitId\": {\"value\": \"rb-water\"}}}");
    assertThat(foreign.getStatusCode().value()).isEqualTo(403);
    assertThat(foreign.getBody()).contains("leadUnitId").contains("不允许修改变量");
    ResponseEntity<String> own = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/variables",
        "{\"modifications\": {\"signForNote\": {\"value\": \"已签收\"}}}");
    assertThat(own.getStatusCode().value()).isEqualTo(204);
    assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "leadUnitId")).isNull();
    assertThat(record(task.getProcessInstanceId()).leadUnitId()).isEqualTo("rb-agri");
    ResponseEntity<String> record = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/variables",
        "{\"modifications\": {\"keyTask\": {\"value\": \"{}\", \"type\": \"Json\"}}}");
    assertThat(record.getStatusCode().value()).as("the record is shown, never written by a form").isEqualTo(403);
  }

  /** The attack: a contributing unit rewrites the key task through its own contribution task, or around it. */
  @Test
  void aContributorCannotRewriteTheKeyTask_throughItsTaskOrAroundIt() {
    org.campaigndesk.TimeTravel.clock("2026-03-10T10:00:00+08:00");
    Task signFor = signFor(4);
    String pi = signFor.getProcessInstanceId();
    taskService.complete(signFor.getId(), org.camunda.bpm.engine.variable.Variables.createVariables()
        .putValue("signedBy", "王五").putValue("signedByPhone", "0878-1234567"));
    Task plan = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ImplementationPlan").singleResult();
    taskService.complete(plan.getId(), org.camunda.bpm.engine.variable.Variables.createVariables()
        .putValue("planSummary", "按季度推进").putValue("subItemsText", "rb-town1｜组织培训｜2026-11-30"));
    Task contribution = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_Contribution").singleResult();
    String execution = contribution.getExecutionId();
    String attack = "{\"leadUnitId\": {\"value\": \"rb-town1\"}, \"deadlineDate\": {\"value\": \"2030-01-01\"},"
        + " \"taskTitle\": {\"value\": \"改\"}, \"keyTask\": {\"value\": \"{}\", \"type\": \"Json\"}}";
    List<Object[]> routes = List.of(
        new Object[] {HttpMethod.POST, "/engine-rest/task/" + contribution.getId() + "/variables", "{\"modifications\": " + attack + "}"},
        new Object[] {HttpMethod.POST, "/engine-rest/task/" + contribution.getId() + "/localVariables", "{\"modifications\": " + attack + "}"},
        new Object[] {HttpMethod.PUT, "/engine-rest/task/" + contribution.getId() + "/variables/leadUnitId", "{\"value\": \"rb-town1\"}"},
        new Object[] {HttpMethod.POST, "/engine-rest/task/" + contribution.getId() + "/complete", "{\"variables\": " + attack + "}"},
        new Object[] {HttpMethod.POST, "/engine-rest/task/" + contribution.getId() + "/submit-form", "{\"variables\": " + attack + "}"},
        new Object[] {HttpMethod.POST, "/engine-rest/task/" + contribution.getId() + "/resolve", "{\"variables\": " + attack + "}"},
        new Object[] {HttpMethod.POST, "/engine-rest/execution/" + execution + "/localVariables", "{\"modifications\": " + attack + "}"},
        new Object[] {HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/variables/leadUnitId", "{\"value\": \"rb-town1\"}"},
        new Object[] {HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/variables", "{\"modifications\": " + attack + "}"},
        new Object[] {HttpMethod.POST, "/engine-rest/message", "{\"messageName\": \"leadUnitChange\", \"processInstanceId\": \"" + pi + "\"}"},
        new Object[] {HttpMethod.POST, "/engine-rest/signal", "{\"name\": \"any\"}"},
        new Object[] {HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/modification", "{\"instructions\": []}"},
        new Object[] {HttpMethod.DELETE, "/engine-rest/task/" + contribution.getId(), null});
    for (Object[] route : routes) {
      ResponseEntity<String> answer = send("rb-town1", PASSWORD, (HttpMethod) route[0], (String) route[1], (String) route[2]);
      assertThat(answer.getStatusCode().value()).as(route[0] + " " + route[1]).isEqualTo(403);
    }
    assertThat(record(pi).leadUnitId()).isEqualTo("rb-fpb");
    assertThat(record(pi).title()).isNotEqualTo("改");
    assertThat(runtimeService.getVariables(pi, List.of("leadUnitId", "deadlineDate", "taskTitle"))).isEmpty();
    assertThat(taskService.createTaskQuery().taskId(contribution.getId()).count()).isEqualTo(1);

    // Its own form's fields pass, and it reads its task as the form shows it: not the signer's phone.
    ResponseEntity<String> own = send("rb-town1", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + contribution.getId() + "/variables",
        "{\"modifications\": {\"contributionReport\": {\"value\": \"已完成培训\"}}}");
    assertThat(own.getStatusCode().value()).isEqualTo(204);
    ResponseEntity<String> read = send("rb-town1", PASSWORD, HttpMethod.GET, "/engine-rest/task/" + contribution.getId() + "/variables", null);
    assertThat(read.getStatusCode().value()).isEqualTo(200);
    assertThat(read.getBody()).contains("contributionReport").contains("taskLabel").doesNotContain("signedByPhone").doesNotContain("0878");
    assertThat(send("rb-town1", PASSWORD, HttpMethod.GET, "/engine-rest/task/" + contribution.getId() + "/variables/signedByPhone", null)
        .getStatusCode().value()).isEqualTo(403);
  }

  /** Must-show 3: a value the variable table would refuse (text over 4,000, name over 255) is refused with its path, for everyone. */
  @Test
  void valuesTheDatabaseWouldRefuse_areRefusedWithTheirPath_notAFailedWrite() {
    Task task = signFor(3);
    String longText = "长".repeat(VariableValueLimits.MAX_TEXT + 1);
    ResponseEntity<String> form = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/complete",
        "{\"variables\":{\"signedBy\":{\"value\":\"" + longText + "\",\"type\":\"String\"},\"signedByPhone\":{\"value\":\"0878-1\"}}}");
    assertThat(form.getStatusCode().value()).isEqualTo(400);
    assertThat(form.getBody()).contains("variables.signedBy.value").contains("4001");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    // The administrator is held to it too, on every variable route.
    String pi = task.getProcessInstanceId();
    ResponseEntity<String> admin = send("admin", "test-admin", HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/variables/note",
        "{\"value\":\"" + longText + "\",\"type\":\"String\"}");
    assertThat(admin.getStatusCode().value()).isEqualTo(400);
    assertThat(admin.getBody()).contains("value");
    ResponseEntity<String> name = send("admin", "test-admin", HttpMethod.POST, "/engine-rest/process-instance/" + pi + "/variables",
        "{\"modifications\":{\"" + "n".repeat(256) + "\":{\"value\":\"x\"}}}");
    assertThat(name.getStatusCode().value()).isEqualTo(400);
    assertThat(name.getBody()).contains("modifications").contains("256");
    assertThat(runtimeService.getVariable(pi, "note")).isNull();
    // At the limit it is written (Json and other serialized values have none).
    ResponseEntity<String> atLimit = send("admin", "test-admin", HttpMethod.PUT, "/engine-rest/process-instance/" + pi + "/variables/note",
        "{\"value\":\"" + "长".repeat(VariableValueLimits.MAX_TEXT) + "\",\"type\":\"String\"}");
    assertThat(atLimit.getStatusCode().value()).isEqualTo(204);
    assertThat((String) runtimeService.getVariable(pi, "note")).hasSize(VariableValueLimits.MAX_TEXT);
    runtimeService.removeVariable(pi, "note");
  }

  /**
   * A JSON write is read once, at the limit of a form with evidence files; a worker's form that takes
   * none is held to the smaller limit on that same body (no second read), and nothing is written.
   */
  @Test
  void aWorkersFormWithoutFiles_isHeldToTheSmallerLimit_onTheBodyReadOnce() {
    Task task = signFor(3);
    String padded = "{\"variables\":{\"signedBy\":{\"value\":\"张三\",\"type\":\"String\"}}"
        + " ".repeat(EngineRestGuard.MAX_VARIABLES_BODY) + "}";
    ResponseEntity<String> tooLarge = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/complete",
        padded);
    assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
    assertThat(tooLarge.getBody()).contains("提交内容过大").contains(String.valueOf(EngineRestGuard.MAX_VARIABLES_BODY));
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "signedBy")).isNull();
    // Over the larger limit too, the first read refuses it.
    ResponseEntity<String> overAll = send("rb-agri", PASSWORD, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/complete",
        "{" + " ".repeat(EngineRestGuard.MAX_FILES_BODY) + "}");
    assertThat(overAll.getStatusCode().value()).isEqualTo(413);
    assertThat(overAll.getBody()).contains("请求内容过大");
  }

  org.campaigndesk.task.KeyTaskRecord record(String processInstanceId) {
    return org.campaigndesk.task.KeyTaskRecord.read(runtimeService.getVariable(processInstanceId, org.campaigndesk.task.KeyTaskRecord.VARIABLE));
  }
}
