package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.JsonApi;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.task.KeyTaskStarter;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 13, must-show 1 and 2 over HTTP, as Tasklist sends its embedded forms: the implementation
 * plan's table (a Json variable) refused by the server with only its Chinese reason naming row and
 * field (no engine code, no English wrapper), then accepted; evidence files (File variables)
 * checked on the server, kept on the submitting task and opened through the ledger's API by the
 * key task's reviewers and the submitting unit only, never by another responsible unit.
 */
class FormSubmissionApiTest extends AbstractAppTest {

  static final String PLAN = "fs-plan";
  static final String PASSWORD = "form-submission-pw";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;

  @BeforeEach
  void plan() {
    // A plan issued in March, as the seeds are (the server alone reads dates here, no browser).
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-03-10T10:00:00+08:00").toInstant()));
    if (identityService.createGroupQuery().groupId("fs-agri").count() == 0) {
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "fs-"),
          "test", null);
      JsonApi.passwords(identityService, PASSWORD, List.of("fs-agri", "fs-town1", "fs-town2", "fs-water"));
    }
  }

  Task task(int keyTaskNo, String definitionKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(KeyTaskStarter.businessKey(PLAN, keyTaskNo))
        .taskDefinitionKey(definitionKey).list().stream().findFirst().orElseThrow();
  }

  ResponseEntity<String> send(String user, HttpMethod method, String path, String json) {
    return new JsonApi(rest).send(user, PASSWORD, method, path, json);
  }

  static String json(Object value) {
    return JsonApi.json(value);
  }

  @Test
  void aRefusedTable_showsOnlyItsChineseReason_namingRowAndField_thenTheFixedOneIsTaken() throws Exception {
    Task signFor = task(3, "Task_SignFor");
    taskService.complete(signFor.getId(), Variables.putValue("signedBy", "王五").putValue("signedByPhone", "0878-1234567"));
    Task plan = task(3, "Task_ImplementationPlan");
    String rows = "[{\"ownerUnit\":\"fs-agri\",\"content\":\"完成厕所改造\",\"dueDate\":\"2026-05-01\"},"
        + "{\"ownerUnit\":\"fs-agri\",\"content\":\"\",\"dueDate\":\"12/05/2026\"}]";
    String body = "{\"variables\": {\"planSummary\": {\"value\": \"分三步推进，确保按期完成\", \"type\": \"String\"},"
        + " \"subItems\": {\"value\": " + json(rows) + ", \"type\": \"Json\"}}}";

    ResponseEntity<String> refused = send("fs-agri", HttpMethod.POST, "/engine-rest/task/" + plan.getId() + "/submit-form", body);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    String message = Json.MAPPER.readTree(refused.getBody()).path("message").asText();
    assertThat(message).isEqualTo("实施方案未通过检查：任务分解第2行·工作内容：不能为空；任务分解第2行·完成日期：'12/05/2026' 不是日期（YYYY-MM-DD）");
    assertThat(refused.getBody()).doesNotContain("ENGINE-", "Cannot submit", "TaskListener", "Exception");
    assertThat(taskService.createTaskQuery().taskId(plan.getId()).count()).isOne();

    ResponseEntity<String> taken = send("fs-agri", HttpMethod.POST, "/engine-rest/task/" + plan.getId() + "/submit-form",
        body.replace("\\\"content\\\":\\\"\\\"", "\\\"content\\\":\\\"修缮饮水工程\\\"").replace("12/05/2026", "2026-06-01"));
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(204);
    assertThat(String.valueOf(historyService.createHistoricVariableInstanceQuery().processInstanceId(plan.getProcessInstanceId())
        .variableName("subItems").singleResult().getValue())).contains("fs-agri", "修缮饮水工程", "2026-06-01");
  }

  @Test
  void evidenceFiles_areCheckedKeptOnTheirTask_andOpenedByReviewersAndTheirUnitOnly() throws Exception {
    Task signFor = task(1, "Task_SignFor");
    String keyTask = signFor.getProcessInstanceId();
    if (taskService.createTaskQuery().processInstanceId(keyTask).taskDefinitionKey("Task_Contribution").count() == 0) {
      taskService.complete(signFor.getId(), Variables.putValue("signedBy", "王五").putValue("signedByPhone", "0878-1234567"));
      taskService.complete(task(1, "Task_ImplementationPlan").getId(), Variables.putValue("planSummary", "分三步推进，确保按期完成")
          .putValueTyped("subItems", SpinValues.jsonValue("[{\"ownerUnit\":\"fs-town1\",\"content\":\"厕所改造\",\"dueDate\":\"2026-05-01\"}]").create()));
    }
    Task town1 = taskService.createTaskQuery().processInstanceId(keyTask).taskDefinitionKey("Task_Contribution")
        .taskCandidateGroup("fs-town1").singleResult();
    String photo = Base64.getEncoder().encodeToString("a photo of the new toilets".getBytes(StandardCharsets.UTF_8));
    String withExe = "{\"variables\": {\"contributionReport\": {\"value\": \"已完成全镇厕所改造120户\", \"type\": \"String\"},"
        + " \"contributionDate\": {\"value\": \"2026-05-01\", \"type\": \"String\"},"
        + " \"evidence1\": {\"value\": \"" + photo + "\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"现场照片.jpg\", \"mimeType\": \"image/jpeg\"}},"
        + " \"evidence2\": {\"value\": \"" + photo + "\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"tool.exe\", \"mimeType\": \"application/octet-stream\"}}}}";
    ResponseEntity<String> refused = send("fs-town1", HttpMethod.POST, "/engine-rest/task/" + town1.getId() + "/submit-form", withExe);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(refused.getBody()).path("message").asText())
        .isEqualTo("佐证材料未通过检查：附件1：“tool.exe”不是可接受的文件类型，只能上传图片（jpg、png 等）、PDF、Word 或 Excel 文件");

    String good = withExe.substring(0, withExe.indexOf(", \"evidence2\"")) + "}}";
    ResponseEntity<String> taken = send("fs-town1", HttpMethod.POST, "/engine-rest/task/" + town1.getId() + "/submit-form", good);
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(204);
    HistoricVariableInstance file = historyService.createHistoricVariableInstanceQuery().processInstanceId(keyTask)
        .variableName("evidence1").singleResult();
    assertThat(file.getTaskId()).as("kept on the contribution task").isEqualTo(town1.getId());
    assertThat(((FileValue) file.getTypedValue()).getFilename()).isEqualTo("现场照片.jpg");

    // The dossier lists it; the lead unit, the coordinator and 甲镇 open it, 乙乡 (another responsible unit) does not.
    ResponseEntity<String> dossier = send("fs-agri", HttpMethod.GET, "/api/ledger/" + keyTask + "/dossier", null);
    assertThat(dossier.getStatusCode().value()).isEqualTo(200);
    String url = "/api/ledger/" + keyTask + "/files/" + file.getId();
    assertThat(dossier.getBody()).contains("现场照片.jpg", url, "甲镇");
    for (String reader : List.of("fs-agri", "fs-town1")) {
      ResponseEntity<byte[]> opened = rest.withBasicAuth(reader, PASSWORD).getForEntity(url, byte[].class);
      assertThat(opened.getStatusCode().value()).as(reader).isEqualTo(200);
      assertThat(new String(opened.getBody(), StandardCharsets.UTF_8)).isEqualTo("a photo of the new toilets");
      assertThat(opened.getHeaders().getContentType()).hasToString("image/jpeg");
    }
    assertThat(rest.withBasicAuth("admin", "test-admin").getForEntity(url, byte[].class).getStatusCode().value()).isEqualTo(200);
    assertThat(rest.withBasicAuth("fs-town2", PASSWORD).getForEntity(url, byte[].class).getStatusCode().value()).isEqualTo(404);
    ResponseEntity<String> town2Dossier = send("fs-town2", HttpMethod.GET, "/api/ledger/" + keyTask + "/dossier", null);
    assertThat(town2Dossier.getBody()).contains("现场照片.jpg").doesNotContain(url);
    // 县水务局 takes no part in this key task: neither the dossier nor the file.
    assertThat(send("fs-water", HttpMethod.GET, "/api/ledger/" + keyTask + "/dossier", null).getStatusCode().value()).isEqualTo(404);
    assertThat(rest.withBasicAuth("fs-water", PASSWORD).getForEntity(url, byte[].class).getStatusCode().value()).isEqualTo(404);
    // Nor through the engine's API: the file is on another unit's task.
    assertThat(send("fs-town2", HttpMethod.GET, "/engine-rest/task/" + town1.getId() + "/variables/evidence1/data", null)
        .getStatusCode().value()).isIn(403, 404);
  }
}
