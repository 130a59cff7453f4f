package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.at;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.JsonApi;
import org.campaigndesk.TestPlans;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 13, must-show 1 for rectifications, over HTTP as Tasklist's embedded form sends it: the
 * responsible unit's rectification carries evidence files (checked, kept on its task); the
 * inspection team that verifies it and the coordinators open them; another unit does not.
 */
class ReviewedEvidenceApiTest extends AbstractAppTest {

  static final String PLAN = "rv-plan";
  static final String PASSWORD = "reviewed-evidence-pw";

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
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;

  ResponseEntity<String> send(String user, HttpMethod method, String path, String json) {
    return new JsonApi(rest).send(user, PASSWORD, method, path, json);
  }

  void user(String id, String group) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(id);
      user.setLastName("测试");
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }

  /** April's inspection of a plan imported on 10 March, its problems listed: one rectification per problem. */
  ProcessInstance rectificationOfTown1() {
    ClockUtil.setCurrentTime(at("2026-03-10T10:00:00+08:00"));
    importService.importPlan(TestPlans.plan(PLAN).replace("t-", "rv-"), "test", null);
    user("rv-inspector", IdentitySync.INSPECTION_TEAM);
    user("rv-coordinator", IdentitySync.COORDINATORS);
    JsonApi.passwords(identityService, PASSWORD, List.of("rv-town1", "rv-town2", "rv-water", "rv-inspector", "rv-coordinator"));
    ProcessInstance plan = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(PLAN).singleResult();
    Job monthly = managementService.createJobQuery().processInstanceId(plan.getId()).activityId("StartEvent_InspectionMonth").singleResult();
    ClockUtil.setCurrentTime(at("2026-04-01T09:00:30+08:00"));
    managementService.executeJob(monthly.getId());
    ProcessInstance inspection = runtimeService.createProcessInstanceQuery().processDefinitionKey("inspection")
        .processInstanceBusinessKey(PLAN).singleResult();
    Task inspect = taskService.createTaskQuery().processInstanceId(inspection.getId()).taskDefinitionKey("Task_Inspect").singleResult();
    taskService.complete(inspect.getId(), Variables.putValue("inspectionSummary", "走访两个乡镇，查阅档案")
        .putValue("problemsText", "危房改造档案不全｜甲镇｜2026-04-30\n饮水工程水质检测未开展｜测试县水务局｜2026-05-15"));
    return runtimeService.createProcessInstanceQuery().superProcessInstanceId(inspection.getId())
        .variableValueEquals("leadUnitId", "rv-town1").singleResult();
  }

  @Test
  void rectificationEvidence_isKeptOnItsTask_andOpenedByTheVerifierAndCoordinatorsOnly() throws Exception {
    ProcessInstance town = rectificationOfTown1();
    // The county's inspection team and coordinator belong to its tenant, as in IdentitySync.
    for (String member : List.of("rv-inspector", "rv-coordinator")) {
      if (town.getTenantId() != null && identityService.createTenantQuery().tenantId(town.getTenantId()).userMember(member).count() == 0) {
        identityService.createTenantUserMembership(town.getTenantId(), member);
      }
    }
    Task rectify = taskService.createTaskQuery().processInstanceId(town.getId()).taskDefinitionKey("Task_Rectify").initializeFormKeys().singleResult();
    assertThat(rectify.getFormKey()).isEqualTo("embedded:deployment:forms/rectification-rectify.html");
    String scan = Base64.getEncoder().encodeToString("scanned household records".getBytes(StandardCharsets.UTF_8));
    String submitted = "{\"variables\": {\"rectificationReport\": {\"value\": \"已补建全部危房改造档案，共36户\", \"type\": \"String\"},"
        + " \"evidence1\": {\"value\": \"" + scan + "\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"补建档案.pdf\", \"mimeType\": \"application/pdf\"}}}}";
    ResponseEntity<String> taken = send("rv-town1", HttpMethod.POST, "/engine-rest/task/" + rectify.getId() + "/submit-form", submitted);
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(204);
    HistoricVariableInstance file = historyService.createHistoricVariableInstanceQuery().processInstanceId(town.getId())
        .variableName("evidence1").singleResult();
    assertThat(file.getTaskId()).as("kept on the rectification task").isEqualTo(rectify.getId());
    assertThat(((FileValue) file.getTypedValue()).getFilename()).isEqualTo("补建档案.pdf");

    Task verify = taskService.createTaskQuery().processInstanceId(town.getId()).taskDefinitionKey("Task_Verify").initializeFormKeys().singleResult();
    assertThat(verify.getFormKey()).isEqualTo("embedded:deployment:forms/rectification-verify.html");
    String list = "/api/ledger/process/" + town.getId() + "/files";
    String url = list + "/" + file.getId();
    ResponseEntity<String> listed = send("rv-inspector", HttpMethod.GET, list, null);
    assertThat(listed.getStatusCode().value()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(listed.getBody()).get(0).path("files").get(0).path("url").asText()).isEqualTo(url);
    assertThat(listed.getBody()).contains("补建档案.pdf");
    for (String reader : List.of("rv-inspector", "rv-coordinator", "rv-town1")) {
      ResponseEntity<byte[]> opened = rest.withBasicAuth(reader, PASSWORD).getForEntity(url, byte[].class);
      assertThat(opened.getStatusCode().value()).as(reader).isEqualTo(200);
      assertThat(new String(opened.getBody(), StandardCharsets.UTF_8)).isEqualTo("scanned household records");
      assertThat(opened.getHeaders().getContentType()).hasToString("application/pdf");
    }
    // 测试县水务局 has a rectification of its own but no part in 甲镇's; 乙乡 none at all.
    for (String other : List.of("rv-water", "rv-town2")) {
      assertThat(send(other, HttpMethod.GET, list, null).getStatusCode().value()).as(other).isEqualTo(404);
      assertThat(rest.withBasicAuth(other, PASSWORD).getForEntity(url, byte[].class).getStatusCode().value()).as(other).isEqualTo(404);
    }

    // The verifier submits the embedded form's fields; the rectification is closed out.
    ResponseEntity<String> verified = send("rv-inspector", HttpMethod.POST, "/engine-rest/task/" + verify.getId() + "/submit-form",
        "{\"variables\": {\"verifyDecision\": {\"value\": \"accept\", \"type\": \"String\"},"
            + " \"verifyComment\": {\"value\": \"档案齐全，同意销号\", \"type\": \"String\"}}}");
    assertThat(verified.getStatusCode().value()).as(verified.getBody()).isEqualTo(204);
    BpmnAwareTests.assertThat(town).isEnded().hasPassed("Task_CloseOutProblem");
  }
}
