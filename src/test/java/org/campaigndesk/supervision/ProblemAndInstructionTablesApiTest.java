package org.campaigndesk.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.runDueJobs;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 13, must-show 1 and 2 over HTTP, as Tasklist sends the embedded forms: the inspection's
 * problem list and the dispatch meeting's instructions are tables (Json variables). A bad row is
 * refused with only its Chinese reason, naming row and column, and nothing is stored; three good
 * rows start three rectifications, three instructions three follow-ups.
 */
class ProblemAndInstructionTablesApiTest extends AbstractAppTest {

  static final String PLAN = "tb-plan";
  static final String PASSWORD = "tables-api-pw";

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

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
  HistoryService historyService;
  @Autowired
  ManagementService managementService;

  /** The plan imported on 10 March, its inspection team's member and leaders able to log in; April's timers fired. */
  ProcessInstance april(String activityId, String processKey) {
    ClockUtil.setCurrentTime(at("2026-03-10T10:00:00+08:00"));
    if (identityService.createGroupQuery().groupId("tb-agri").count() == 0) {
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "tb-"), "test", null);
      User inspector = identityService.newUser("tb-inspector");
      inspector.setFirstName("督查员");
      inspector.setLastName("测试");
      identityService.saveUser(inspector);
      identityService.createMembership("tb-inspector", IdentitySync.INSPECTION_TEAM);
      for (String id : List.of("tb-inspector", "tb-zhang")) {
        User user = identityService.createUserQuery().userId(id).singleResult();
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
      }
    }
    ProcessInstance plan = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(PLAN).singleResult();
    if (plan.getTenantId() != null
        && identityService.createTenantQuery().tenantId(plan.getTenantId()).userMember("tb-inspector").count() == 0) {
      identityService.createTenantUserMembership(plan.getTenantId(), "tb-inspector");
    }
    ProcessInstance running = runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKey(PLAN).singleResult();
    if (running == null) {
      Job monthly = managementService.createJobQuery().processInstanceId(plan.getId()).activityId(activityId).singleResult();
      ClockUtil.setCurrentTime(at("2026-04-01T09:00:30+08:00"));
      managementService.executeJob(monthly.getId());
      running = runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(PLAN)
          .singleResult();
    }
    ClockUtil.setCurrentTime(at("2026-04-02T10:00:00+08:00"));
    return running;
  }

  ResponseEntity<String> submit(String user, Task task, String variable, String rows, String more) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"variables\": {" + more + "\"" + variable + "\": {\"value\": "
        + Json.MAPPER.writeValueAsString(rows) + ", \"type\": \"Json\"}}}";
    return rest.withBasicAuth(user, PASSWORD).exchange("/engine-rest/task/" + task.getId() + "/submit-form", HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
  }

  static String message(ResponseEntity<String> answer) throws Exception {
    return Json.MAPPER.readTree(answer.getBody()).path("message").asText();
  }

  @Test
  void problemTable_aBadRowIsRefusedNamingRowAndColumn_threeGoodRowsStartThreeRectifications() throws Exception {
    ProcessInstance inspection = april("StartEvent_InspectionMonth", "inspection");
    Task inspect = taskService.createTaskQuery().processInstanceId(inspection.getId()).taskDefinitionKey("Task_Inspect")
        .initializeFormKeys().singleResult();
    assertThat(inspect.getFormKey()).isEqualTo("embedded:deployment:forms/inspection-record.html");
    // The form's choices: the plan's units and key tasks.
    String units = String.valueOf(taskService.getVariable(inspect.getId(), Inspections.PLAN_UNIT_NAMES));
    assertThat(units).contains("\"tb-town1\":\"甲镇\"", "\"tb-water\":\"测试县水务局\"");
    assertThat(String.valueOf(taskService.getVariable(inspect.getId(), Inspections.KEY_TASK_OPTIONS)))
        .contains("\"3\":\"【三】党建扶贫双推进提升工程\"");

    String summary = "\"inspectionSummary\": {\"value\": \"走访两个乡镇，查阅危房改造和饮水工程档案\", \"type\": \"String\"}, ";
    String bad = """
        [{"description": "危房改造档案不全", "unitId": "tb-town1", "deadline": "2026-04-30", "keyTaskNo": "1"},
         {"description": "饮水工程水质检测未开展", "unitId": "tb-nowhere", "deadline": "12/05/2026", "keyTaskNo": "2"},
         {"description": "产业项目台账缺失", "unitId": "tb-agri", "deadline": "2026-05-15", "keyTaskNo": ""}]""";
    ResponseEntity<String> refused = submit("tb-inspector", inspect, "problems", bad, summary);
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(message(refused)).isEqualTo("问题清单未通过检查：问题清单第2行·责任单位：'tb-nowhere' 不是本计划的单位；"
        + "问题清单第2行·整改期限：'12/05/2026' 不是日期（YYYY-MM-DD）");
    assertThat(refused.getBody()).doesNotContain("ENGINE-", "Cannot submit", "TaskListener", "Exception");
    // Nothing stored: the task is open, no problem list, no rectification.
    assertThat(taskService.createTaskQuery().taskId(inspect.getId()).count()).isOne();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(inspection.getId())
        .variableNameIn(Inspections.PROBLEMS, "inspectionSummary").count()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().superProcessInstanceId(inspection.getId()).count()).isZero();

    ResponseEntity<String> taken = submit("tb-inspector", inspect, "problems",
        bad.replace("tb-nowhere", "tb-water").replace("12/05/2026", "2026-05-10"), summary);
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(204);
    List<ProcessInstance> rectifications = runtimeService.createProcessInstanceQuery().superProcessInstanceId(inspection.getId())
        .list();
    assertThat(rectifications).hasSize(3);
    assertThat(rectifications.stream().map(r -> runtimeService.getVariable(r.getId(), "leadUnitId")).toList())
        .containsExactlyInAnyOrder("tb-town1", "tb-water", "tb-agri");
    assertThat(rectifications.stream().map(r -> String.valueOf(runtimeService.getVariable(r.getId(), "problem"))).toList())
        .containsExactlyInAnyOrder("危房改造档案不全", "饮水工程水质检测未开展", "产业项目台账缺失");
    Task waterRectify = taskService.createTaskQuery().taskCandidateGroup("tb-water").taskDefinitionKey("Task_Rectify")
        .singleResult();
    assertThat(waterRectify.getDueDate()).isEqualTo(at("2026-05-10T23:59:59+08:00"));
  }

  @Test
  void instructionTable_aBadRowIsRefusedNamingRowAndColumn_threeGoodRowsGiveThreeFollowUps() throws Exception {
    ProcessInstance dispatch = april("StartEvent_DispatchMonth", "monthly-dispatch");
    Task meeting = taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskDefinitionKey("Task_DispatchMeeting")
        .taskAssignee("tb-zhang").initializeFormKeys().singleResult();
    assertThat(meeting.getFormKey()).isEqualTo("embedded:deployment:forms/dispatch-meeting.html");
    // 张三 leads key tasks 1 and 2: those are offered, and no other.
    assertThat(String.valueOf(taskService.getVariable(meeting.getId(), "leaderKeyTasks")))
        .isEqualTo("{\"1\":\"【一】产业扶贫成效提升工程\",\"2\":\"【二】饮水安全保障工程\"}");

    String bad = """
        [{"taskNo": "1", "text": "加快产业项目申报", "dueDate": "2026-04-20"},
         {"taskNo": "2", "text": "", "dueDate": "2026-04-15"},
         {"taskNo": "3", "text": "不是张三牵头的工作", "dueDate": "2026-03-31"}]""";
    ResponseEntity<String> refused = submit("tb-zhang", meeting, "instructionRows", bad, "");
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(message(refused)).isEqualTo("调度意见未通过检查：调度意见第2行·调度意见：不能为空；"
        + "调度意见第3行·重点工作：'3' 不是本人牵头的重点工作编号；调度意见第3行·落实期限：2026-03-31 已经过去");
    assertThat(refused.getBody()).doesNotContain("ENGINE-", "Cannot submit", "TaskListener", "Exception");
    assertThat(taskService.createTaskQuery().taskId(meeting.getId()).count()).isOne();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(dispatch.getId())
        .variableName("instructions").count()).isZero();

    String good = bad.replace("\"text\": \"\"", "\"text\": \"落实水源地保护\"")
        .replace("\"taskNo\": \"3\", \"text\": \"不是张三牵头的工作\", \"dueDate\": \"2026-03-31\"",
            "\"taskNo\": \"1\", \"text\": \"每周报送进度\", \"dueDate\": \"\"");
    ResponseEntity<String> taken = submit("tb-zhang", meeting, "instructionRows", good, "");
    assertThat(taken.getStatusCode().value()).as(taken.getBody()).isEqualTo(204);
    runDueJobs(managementService, dispatch.getId());
    List<Task> followUps = taskService.createTaskQuery().processInstanceId(dispatch.getId())
        .taskDefinitionKey("Task_FollowInstruction").list().stream().sorted(Comparator.comparing(Task::getDueDate)).toList();
    assertThat(followUps).hasSize(3);
    assertThat(followUps.stream().map(t -> taskService.getVariable(t.getId(), "instructionText")).toList())
        .containsExactly("每周报送进度", "落实水源地保护", "加快产业项目申报");
    // A row's date sets its follow-up's due date; without one the follow-up has the usual 10 days.
    assertThat(followUps.stream().map(Task::getDueDate).toList()).containsExactly(at("2026-04-12T23:59:59+08:00"),
        at("2026-04-15T23:59:59+08:00"), at("2026-04-20T23:59:59+08:00"));
    assertThat(followUps.get(1).getName()).isEqualTo("【二】饮水安全保障工程 · 落实调度意见（张三）");
  }
}
