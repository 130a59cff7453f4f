package org.campaigndesk.task;

import org.campaigndesk.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.campaigndesk.TimeTravel.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.Mails;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Key tasks whose owner the plan names later (分解交办), and handing a running one to another unit (牵头单位调整). */
class OwnerAssignmentTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TestRestTemplate rest;

  final ObjectMapper json = new ObjectMapper();
  String unit;

  @BeforeEach
  void importPlanWithAnOpenTask() {
    clock("2026-12-07T10:00:00+08:00");
    String p = "o" + UUID.randomUUID().toString().substring(0, 6);
    unit = p;
    planId = p + "-plan";
    String yaml = TestPlans.plan(planId).replace("t-", p + "-").replace("progressReportDates:", """
          - no: 5
            title: 易地扶贫搬迁后续扶持
            description: 明确责任单位、责任领导，制定工作方案。
            targets: [{text: 安置点就业帮扶1200人, value: 1200, unit: 人}]
        progressReportDates:""".stripIndent().replace("\n  - no: 5", "\n  - no: 5"));
    importService.importPlan(yaml, "test", null);
  }


  @Test
  void aTaskWithoutOwner_waitsForTheCoordinator_thenStartsWithTheChosenUnit() throws Exception {
    ProcessInstance pi = keyTask(5);
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_AssignOwner");
    Task assign = task("Task_AssignOwner", pi);
    assertThat(taskService.getIdentityLinksForTask(assign.getId())).anyMatch(l -> "coordinators".equals(l.getGroupId()));
    assertThat(record(pi).targetsText()).isEqualTo("· 安置点就业帮扶1200人（1200人）");
    assertThat(record(pi).leadUnit()).isNull();
    assertThat(record(pi).deadline()).isNull();
    assertThat(runtimeService.getVariable(pi.getId(), KeyTaskVariables.DEADLINE_TEXT)).isEqualTo("待明确");
    JsonNode options = json.readTree(runtimeService.getVariableTyped(pi.getId(), OwnerAssignment.UNIT_OPTIONS).getValue().toString());
    assertThat(options).hasSize(5);
    assertThat(options.get(1).get("label").asText()).isEqualTo("测试县水务局");

    // Nothing chosen, a unit not in the plan, a past date: each named, in Chinese.
    assertThatThrownBy(() -> taskService.complete(assign.getId(), Variables.createVariables()
        .putValue(OwnerAssignment.LEAD_UNIT, "").putValue(OwnerAssignment.DEADLINE_CHOICE, "")))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("牵头责任单位：请选择").hasMessageContaining("完成时限：请选择日期");
    assertThatThrownBy(() -> taskService.complete(assign.getId(), Variables.createVariables()
        .putValue(OwnerAssignment.LEAD_UNIT, "nobody")
        .putValueTyped(OwnerAssignment.LEAD_LEADERS, SpinValues.jsonValue("[\"x\"]").create())
        .putValue(OwnerAssignment.DEADLINE_CHOICE, "2026-11-30")))
        .hasMessageContaining("牵头责任单位：“nobody”不是本计划的单位").hasMessageContaining("牵头责任领导：“x”不是本计划的领导")
        .hasMessageContaining("完成时限：2026-11-30 已经过去");
    BpmnAwareTests.assertThat(pi).isWaitingAt("Task_AssignOwner");

    // As Tasklist submits it: lists as JSON.
    complete(assign, Variables.createVariables()
        .putValue(OwnerAssignment.LEAD_UNIT, unit + "-water")
        .putValueTyped(OwnerAssignment.RESPONSIBLE_UNITS, SpinValues.jsonValue("[\"" + unit + "-town1\", \"" + unit + "-water\"]").create())
        .putValueTyped(OwnerAssignment.LEAD_LEADERS, SpinValues.jsonValue("[\"" + unit + "-zhang\"]").create())
        .putValue(OwnerAssignment.DEADLINE_CHOICE, "2026-12-30"));
    BpmnAwareTests.assertThat(pi).hasPassed("Task_AssignOwner").isWaitingAt("Task_NotifyAssignedLeadUnit");
    TimeTravel.runDueJobs(managementService, pi.getId());
    BpmnAwareTests.assertThat(pi).hasPassed("Task_NotifyAssignedLeadUnit").isWaitingAt("Task_SignFor");
    Task signFor = task("Task_SignFor", pi);
    assertThat(taskService.getIdentityLinksForTask(signFor.getId())).anyMatch(l -> (unit + "-water").equals(l.getGroupId()));
    assertThat(runtimeService.getVariable(pi.getId(), KeyTaskVariables.LEAD_UNIT_NAME)).isEqualTo("测试县水务局");
    assertThat(record(pi).ownerKnown()).isTrue();
    assertThat(record(pi).responsibleUnits()).containsExactly(new KeyTaskRecord.Ref(unit + "-town1", "甲镇"));
    assertThat(record(pi).deadline()).isEqualTo(java.time.LocalDate.parse("2026-12-30"));
    assertThat(runtimeService.getVariable(pi.getId(), KeyTaskVariables.DEADLINE_TEXT)).isEqualTo("2026年12月30日前");
    assertThat(record(pi).leadLeaderNames()).isEqualTo("张三");
    assertThat(Mails.subjects(Mails.received(greenMail))).containsExactlyInAnyOrder(
        "【交办】【五】易地扶贫搬迁后续扶持 · 牵头责任单位：测试县水务局", "【交办】【五】易地扶贫搬迁后续扶持 · 牵头责任单位：测试县水务局");
    assertThat(Mails.recipients(Mails.received(greenMail)))
        .containsExactlyInAnyOrder(unit + "-water@test.example.org", unit + "-zhang@test.example.org");
  }

  ResponseEntity<String> changeLeadUnit(int no, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth("admin", "test-admin").postForEntity("/api/plans/" + planId + "/tasks/" + no + "/lead-unit",
        new HttpEntity<>(body, headers), String.class);
  }

  @Test
  void aCoordinatorHandsARunningTaskToAnotherUnit_whoseOpenWorkAndRemindersMove() throws Exception {
    ProcessInstance pi = keyTask(1);
    Task signFor = task("Task_SignFor", pi);
    ResponseEntity<String> response = changeLeadUnit(1, "{\"leadUnit\": \"测试县水务局\", \"reason\": \"职能调整，由水务局牵头\"}");
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);

    BpmnAwareTests.assertThat(pi).hasPassed("Task_ChangeLeadUnit").isWaitingAt("Task_NotifyNewLeadUnit", "Task_SignFor");
    assertThat(taskService.getIdentityLinksForTask(signFor.getId())).anyMatch(l -> (unit + "-water").equals(l.getGroupId()))
        .noneMatch(l -> (unit + "-agri").equals(l.getGroupId()));
    assertThat(record(pi).leadUnitId()).isEqualTo(unit + "-water");
    assertThat(runtimeService.getVariable(pi.getId(), KeyTaskVariables.LEAD_UNIT_NAME)).isEqualTo("测试县水务局");
    JsonNode changes = json.readTree(runtimeService.getVariableTyped(pi.getId(), LeadUnitChange.CHANGES).getValue().toString());
    assertThat(changes.get(0).get("fromName").asText()).isEqualTo("测试县农业农村局");
    assertThat(changes.get(0).get("toName").asText()).isEqualTo("测试县水务局");
    assertThat(changes.get(0).get("reason").asText()).isEqualTo("职能调整，由水务局牵头");
    assertThat(changes.get(0).get("by").asText()).isEqualTo("admin");
    // The watches keep no copy of the lead unit: they read the key task's.
    runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list().forEach(watch ->
        assertThat(runtimeService.getVariable(watch.getId(), KeyTaskVariables.LEAD_UNIT_ID)).isNull());

    TimeTravel.runDueJobs(managementService, pi.getId());
    BpmnAwareTests.assertThat(pi).hasPassed("Task_NotifyNewLeadUnit", "EndEvent_LeadUnitChanged").isWaitingAt("Task_SignFor");
    assertThat(Mails.recipients(Mails.received(greenMail))).contains(unit + "-water@test.example.org");
    assertThat(Mails.plainText(Mails.received(greenMail)[0])).contains("调整原因：职能调整，由水务局牵头");

    // The watch of the completion deadline (30 October, past at import) summons the new unit, not the old one.
    greenMail.reset();
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi.getId())
        .variableValueEquals("deadlineKind", "completion").singleResult();
    clock("2026-12-21T10:00:00+08:00");
    TimeTravel.runDueJobs(managementService, watch.getId());
    assertThat(Mails.subjects(Mails.received(greenMail))).anyMatch(subject -> subject.startsWith("【约谈通知】"));
    assertThat(Mails.recipients(Mails.received(greenMail))).contains(unit + "-water@test.example.org")
        .doesNotContain(unit + "-agri@test.example.org");
  }

  @Test
  void aChangeThatCannotBe_isRefusedWithTheReason() {
    assertThat(changeLeadUnit(1, "{\"leadUnit\": \"nobody\", \"reason\": \"x\"}").getStatusCode().value()).isEqualTo(400);
    assertThat(changeLeadUnit(1, "{\"leadUnit\": \"测试县水务局\"}").getBody()).contains("reason");
    assertThat(changeLeadUnit(1, "{\"leadUnit\": \"测试县农业农村局\", \"reason\": \"x\"}").getStatusCode().value()).isEqualTo(409);
    ResponseEntity<String> awaiting = changeLeadUnit(5, "{\"leadUnit\": \"测试县水务局\", \"reason\": \"x\"}");
    assertThat(awaiting.getStatusCode().value()).isEqualTo(409);
    assertThat(awaiting.getBody()).contains("分解交办");
    assertThat(changeLeadUnit(9, "{\"leadUnit\": \"测试县水务局\", \"reason\": \"x\"}").getStatusCode().value()).isEqualTo(409);
  }

  KeyTaskRecord record(ProcessInstance pi) {
    return KeyTaskRecord.read(runtimeService.getVariable(pi.getId(), KeyTaskRecord.VARIABLE));
  }
}
