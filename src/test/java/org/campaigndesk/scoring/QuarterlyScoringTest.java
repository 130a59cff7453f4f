package org.campaigndesk.scoring;

import org.campaigndesk.Mails;
import org.campaigndesk.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.Mails.recipients;
import static org.campaigndesk.Mails.subjects;
import static org.campaigndesk.TimeTravel.at;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;
import static org.campaigndesk.TimeTravel.runDueWatchJobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A plan's year walked quarter by quarter with time travel: what each quarter's end scores, the
 * red and black lists published by mail, an appeal accepted (Q1), one rejected (Q2), a quarter
 * without deductions (Q3), a quarter over the cap whose appeal window runs out (Q4), and the
 * year's totals in the annual summary.
 */
class QuarterlyScoringTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  static final String PASSWORD = "score-pw";

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  ScoreRepository scores;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  org.camunda.bpm.engine.HistoryService historyService;
  @Autowired
  org.camunda.bpm.engine.IdentityService identityService;

  final ObjectMapper json = new ObjectMapper();
  ProcessInstance scoring;

  @BeforeEach
  void importPlan() {
    clock("2026-01-05T10:00:00+08:00");
    planId = "score-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId).replace("t-", "sc-"), "test", PASSWORD);
    if (identityService.createUserQuery().userId("sc-coordinator").count() == 0) {
      org.camunda.bpm.engine.identity.User user = identityService.newUser("sc-coordinator");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership("sc-coordinator", org.campaigndesk.identity.IdentitySync.COORDINATORS);
    }
    scoring = runtimeService.createProcessInstanceQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .processInstanceBusinessKey(planId).singleResult();
    // The coordinator coordinates the plan's county (Camunda tenant), which the scoring instance carries too.
    if (scoring.getTenantId() != null
        && identityService.createTenantQuery().tenantId(scoring.getTenantId()).userMember("sc-coordinator").count() == 0) {
      identityService.createTenantUserMembership(scoring.getTenantId(), "sc-coordinator");
    }
  }

  Job quarterEnd() {
    return managementService.createJobQuery().processInstanceId(scoring.getId()).activityId("Timer_QuarterEnd").singleResult();
  }

  /** The quarter's end: the timer fires, the scores are computed, and the publishing job runs. */
  void endQuarter(String at) {
    greenMail.reset();
    clock(at);
    managementService.executeJob(quarterEnd().getId());
    runDueJobs(managementService, scoring.getId());
  }

  List<ScoreLine> lines(String quarter) {
    return scores.quarter(planId, quarter);
  }

  Task appealTask(String unit) {
    return taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_Appeal")
        .taskCandidateGroup(unit).singleResult();
  }

  static String body(MimeMessage message) {
    return org.campaigndesk.Mails.plainText(message);
  }

  List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(Mails.received(greenMail)).filter(m -> recipients(new MimeMessage[] {m}).contains(address)).toList();
  }

  JsonNode scoresApi(String user, String password, String query) throws IOException {
    org.springframework.http.ResponseEntity<String> response = rest.withBasicAuth(user, password)
        .getForEntity("/api/scores?plan=" + planId + query, String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  List<String> visibleScoringTasks(String user) throws IOException {
    List<String> ids = new java.util.ArrayList<>();
    json.readTree(rest.withBasicAuth(user, PASSWORD).getForEntity("/engine-rest/task?processInstanceId=" + scoring.getId(),
        String.class).getBody()).forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  void closeOutOnTimeAfterOneReturn(ProcessInstance pi) {
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "水源工程", "subItemsText", "sc-water｜水源建设｜2026-05-20"));
    taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list()
        .forEach(t -> complete(t, withVariables("contributionReport", "已完成", "contributionDate", "2026-05-19")));
    clock("2026-05-20T10:00:00+08:00");
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "完成",
        "evidenceDescription", "验收报告", "completedOn", "2026-05-20"));
    clock("2026-05-21T10:00:00+08:00");
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "return", "returnReason", "水质检测报告缺失"));
    complete(task("Task_Rework", pi), withVariables("reworkDescription", "已补水质检测报告"));
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "完成",
        "evidenceDescription", "验收报告、水质检测报告", "completedOn", "2026-06-09"));
    clock("2026-06-10T10:00:00+08:00");
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
  }

  @Test
  void aWalkedYear_scoredEachQuarter_appealsAcceptedRejectedAndLapsed_totalsInTheAnnualSummary() throws IOException {
    BpmnAwareTests.assertThat(scoring).isWaitingAt("Timer_QuarterEnd");
    assertThat(quarterEnd().getDuedate()).isEqualTo(at("2026-04-01T01:00:00+08:00"));

    // ---- Q1: key task 四's February report is never submitted.
    ProcessInstance four = keyTask(4);
    clock("2026-02-01T08:05:00+08:00");
    MonthlyReports.openIn(runtimeService, four.getId());
    endQuarter("2026-04-01T01:00:30+08:00");

    assertThat(lines("2026-Q1")).extracting(ScoreLine::unitId, ScoreLine::rule, ScoreLine::points, ScoreLine::keyTaskNo,
        ScoreLine::eventDate).containsExactly(tuple("sc-fpb", ScoreRule.MISSED_MONTHLY_REPORT, -2, 4, java.time.LocalDate.of(2026, 2, 20)));
    ScoreLine missed = lines("2026-Q1").get(0);
    assertThat(missed.step()).isEqualTo("【四】金融扶贫风险防范工程 · 月度进展报告（2月）");
    assertThat(missed.sourceInstanceId()).isEqualTo(four.getId());
    // Published to every unit with a mail address, each with its own lines.
    assertThat(subjects(Mails.received(greenMail))).containsOnly("【季度考核】2026年第一季度红榜黑榜及本单位得分");
    assertThat(recipients(Mails.received(greenMail))).containsExactlyInAnyOrder("sc-agri@test.example.org",
        "sc-water@test.example.org", "sc-fpb@test.example.org", "sc-town1@test.example.org");
    String fpbMail = body(mailsTo("sc-fpb@test.example.org").get(0));
    assertThat(fpbMail).contains("本单位本季度得分：-2分").contains("[" + missed.id() + "] -2分 月度进展报告未按期报送")
        .contains("1. 测试县扶贫办（-2分）").contains("2026年4月8日");
    assertThat(body(mailsTo("sc-agri@test.example.org").get(0))).contains("本季度无加分、扣分事项");

    // Only the unit with a deduction gets the appeal task, due after 5 working days.
    Task appeal = appealTask("sc-fpb");
    assertThat(taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_Appeal").count()).isEqualTo(1);
    assertThat(appeal.getName()).isEqualTo("【2026年第一季度】得分核对与申诉 · 测试县扶贫办");
    assertThat(appeal.getDueDate()).isEqualTo(at("2026-04-08T23:59:59+08:00"));
    assertThat((String) taskService.getVariable(appeal.getId(), "myScoreLinesText")).contains("本季度合计：-2分").contains("[" + missed.id() + "]");
    assertThatThrownBy(() -> taskService.complete(appeal.getId(), withVariables("appealChoice", "appeal", "appealLineIds", "999999",
        "appealReason", "")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("999999 不是本单位本季度的得分条目").hasMessageContaining("申诉理由：不能为空");
    clock("2026-04-03T10:00:00+08:00");
    complete(appeal, withVariables("appealChoice", "appeal", "appealLineIds", String.valueOf(missed.id()),
        "appealReason", "2月报告已于2月18日纸质报送县扶贫办", "appealFilesNote", "签收单，存县扶贫办档案室"));
    assertThat(scores.byIds(List.of(missed.id())).get(0).status()).isEqualTo(ScoreLine.APPEALED);
    Task decide = task("Task_DecideAppeal", scoring);
    BpmnAwareTests.assertThat(decide).hasCandidateGroup("coordinators");
    assertThat(taskService.getVariable(decide.getId(), "appealedLinesText")).asString().contains("月度进展报告未按期报送");
    assertThatThrownBy(() -> taskService.complete(decide.getId(), withVariables("appealDecision", "approve", "appealDecisionReason", " ")))
        .hasMessageContaining("审核意见：不能为空");
    greenMail.reset();
    complete(decide, withVariables("appealDecision", "approve", "appealDecisionReason", "经核实，纸质报告已按期报送"));
    runDueJobs(managementService, scoring.getId());
    ScoreLine removed = scores.byIds(List.of(missed.id())).get(0);
    assertThat(removed.status()).isEqualTo(ScoreLine.REMOVED);
    assertThat(removed.counts()).isFalse();
    assertThat(removed.appealReason()).isEqualTo("2月报告已于2月18日纸质报送县扶贫办（佐证材料：签收单，存县扶贫办档案室）");
    assertThat(removed.appealDecisionReason()).isEqualTo("经核实，纸质报告已按期报送");
    assertThat(removed.appealDecision()).isEqualTo("approve");
    assertThat(subjects(Mails.received(greenMail))).containsExactly("【申诉成立】2026年第一季度考核得分");
    assertThat(recipients(Mails.received(greenMail))).containsExactly("sc-fpb@test.example.org");
    assertThat(body(Mails.received(greenMail)[0])).contains("经核实，纸质报告已按期报送").contains("已从本单位得分中撤销");
    // Both sides see the line and why it was removed: the unit its own lines, the coordinator every unit's.
    JsonNode fpbView = scoresApi("sc-fpb", PASSWORD, "&quarter=2026-Q1&unit=sc-fpb").path("units").get(0);
    assertThat(fpbView.path("total").asInt()).isZero();
    assertThat(fpbView.path("lines").get(0).path("status").asText()).isEqualTo("removed");
    assertThat(fpbView.path("lines").get(0).path("appealDecisionReason").asText()).isEqualTo("经核实，纸质报告已按期报送");
    assertThat(fpbView.path("lines").get(0).path("ruleLabel").asText()).isEqualTo("月度进展报告未按期报送");
    JsonNode waterView = scoresApi("sc-water", PASSWORD, "&quarter=2026-Q1&unit=sc-fpb").path("units").get(0);
    assertThat(waterView.path("total").asInt()).isZero();
    assertThat(waterView.path("lines").isNull()).isTrue();
    assertThat(scoresApi("sc-coordinator", PASSWORD, "&quarter=2026-Q1&unit=sc-fpb").path("units").get(0).path("lines")).hasSize(1);
    // A coordinator of another county sees nothing of this one.
    if (identityService.createTenantQuery().tenantId("sc-other").count() == 0) {
      identityService.saveTenant(identityService.newTenant("sc-other"));
      org.camunda.bpm.engine.identity.User other = identityService.newUser("sc-other-coordinator");
      other.setPassword(PASSWORD);
      identityService.saveUser(other);
      identityService.createMembership("sc-other-coordinator", org.campaigndesk.identity.IdentitySync.COORDINATORS);
      identityService.createTenantUserMembership("sc-other", "sc-other-coordinator");
    }
    JsonNode otherCounty = scoresApi("sc-other-coordinator", PASSWORD, "");
    assertThat(otherCounty.path("quarters")).isEmpty();
    assertThat(otherCounty.path("units")).isEmpty();
    BpmnAwareTests.assertThat(scoring).isWaitingAt("Timer_QuarterEnd");
    assertThat(quarterEnd().getDuedate()).isEqualTo(at("2026-07-01T01:00:00+08:00"));

    // ---- Q2: key task 二 is returned once at acceptance, then closed out on time.
    closeOutOnTimeAfterOneReturn(keyTask(2));
    endQuarter("2026-07-01T01:00:30+08:00");
    assertThat(lines("2026-Q2")).extracting(ScoreLine::unitId, ScoreLine::rule, ScoreLine::points, ScoreLine::eventDate)
        .containsExactly(tuple("sc-water", ScoreRule.ACCEPTANCE_RETURNED, -1, java.time.LocalDate.of(2026, 5, 21)),
            tuple("sc-water", ScoreRule.ON_TIME_CLOSE_OUT, 2, java.time.LocalDate.of(2026, 6, 10)));
    assertThat(body(mailsTo("sc-agri@test.example.org").get(0))).contains("1. 测试县水务局（+1分）");
    ScoreLine returned = lines("2026-Q2").get(0);
    // The unit works in Tasklist: over REST (as Tasklist does), it sees its own appeal task only and completes it.
    Task waterAppeal = appealTask("sc-water");
    // The form's check boxes: the unit's lines it may appeal, each as the score list shows it.
    assertThat(org.campaigndesk.kernel.Json.readVariable(taskService.getVariable(waterAppeal.getId(), ScoreAppeal.APPEAL_LINE_CHOICES),
        java.util.Map.class)).containsExactly(
            entry(String.valueOf(returned.id()), QuarterScoring.render(returned)),
            entry(String.valueOf(lines("2026-Q2").get(1).id()), QuarterScoring.render(lines("2026-Q2").get(1))));
    assertThat(visibleScoringTasks("sc-water")).containsExactly(waterAppeal.getId());
    assertThat(visibleScoringTasks("sc-agri")).isEmpty();
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    String form = "{\"variables\": {\"appealChoice\": {\"value\": \"appeal\"}, \"appealLineIds\": {\"value\": \"[" + returned.id()
        + "]\"}, \"appealReason\": {\"value\": \"退回原因系检测机构延迟出具报告\"}, \"evidence1\": {\"value\": \""
        + java.util.Base64.getEncoder().encodeToString("delayed test report".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "\", \"type\": \"File\", \"valueInfo\": {\"filename\": \"检测机构说明.pdf\", \"mimeType\": \"application/pdf\"}}}}";
    assertThat(rest.withBasicAuth("sc-agri", PASSWORD).postForEntity("/engine-rest/task/" + waterAppeal.getId() + "/complete",
        new org.springframework.http.HttpEntity<>(form, headers), String.class).getStatusCode().is2xxSuccessful()).isFalse();
    assertThat(rest.withBasicAuth("sc-water", PASSWORD).postForEntity("/engine-rest/task/" + waterAppeal.getId() + "/complete",
        new org.springframework.http.HttpEntity<>(form, headers), String.class).getStatusCode().value()).isEqualTo(204);
    // The appeal's file is kept on the appeal task; the coordinator's decision form lists it and he opens it.
    Task decideQ2 = taskService.createTaskQuery().processInstanceId(scoring.getId()).taskDefinitionKey("Task_DecideAppeal")
        .initializeFormKeys().singleResult();
    assertThat(decideQ2.getFormKey()).isEqualTo("embedded:deployment:forms/score-appeal-decision.html");
    org.camunda.bpm.engine.history.HistoricVariableInstance file = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(scoring.getId()).variableName("evidence1").singleResult();
    assertThat(file.getTaskId()).isEqualTo(waterAppeal.getId());
    String files = "/api/ledger/process/" + scoring.getId() + "/files";
    String fileUrl = files + "/" + file.getId();
    assertThat(rest.withBasicAuth("sc-coordinator", PASSWORD).getForEntity(files, String.class).getBody())
        .contains("检测机构说明.pdf", fileUrl, "得分核对与申诉 · 测试县水务局");
    org.springframework.http.ResponseEntity<byte[]> opened = rest.withBasicAuth("sc-coordinator", PASSWORD).getForEntity(fileUrl, byte[].class);
    assertThat(opened.getStatusCode().value()).isEqualTo(200);
    assertThat(new String(opened.getBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("delayed test report");
    assertThat(rest.withBasicAuth("sc-water", PASSWORD).getForEntity(fileUrl, byte[].class).getStatusCode().value()).isEqualTo(200);
    assertThat(rest.withBasicAuth("sc-agri", PASSWORD).getForEntity(fileUrl, byte[].class).getStatusCode().value()).isEqualTo(404);
    greenMail.reset();
    complete(task("Task_DecideAppeal", scoring), withVariables("appealDecision", "refuse", "appealDecisionReason", "检测报告应随办结申请提交"));
    runDueJobs(managementService, scoring.getId());
    ScoreLine upheld = scores.byIds(List.of(returned.id())).get(0);
    assertThat(upheld.status()).isEqualTo(ScoreLine.UPHELD);
    assertThat(upheld.counts()).isTrue();
    assertThat(upheld.appealDecision()).isEqualTo("refuse");
    assertThat(subjects(Mails.received(greenMail))).containsExactly("【申诉不成立】2026年第二季度考核得分");
    assertThat(body(Mails.received(greenMail)[0])).contains("检测报告应随办结申请提交").contains("维持不变");
    assertThat(scoresApi("sc-water", PASSWORD, "&quarter=2026-Q2&unit=sc-water").path("units").get(0).path("total").asInt()).isEqualTo(1);

    // ---- Q3: nothing to score: no lines, no appeal tasks, straight on to Q4.
    endQuarter("2026-10-01T01:00:30+08:00");
    assertThat(lines("2026-Q3")).isEmpty();
    assertThat(taskService.createTaskQuery().processInstanceId(scoring.getId()).count()).isZero();
    assertThat(quarterEnd().getDuedate()).isEqualTo(at("2027-01-01T01:00:00+08:00"));
    assertThat(scores.scoredQuarters(planId)).extracting(ScoreRepository.ScoredQuarter::quarter).contains("2026-Q3");

    // ---- Q4: key task 一 (due 30 October) is never finished; the discipline commission interviews its lead unit.
    ProcessInstance one = keyTask(1);
    clock("2026-11-09T10:00:00+08:00");
    runDueWatchJobs(managementService, runtimeService, one.getId());
    ProcessInstance escalation = runtimeService.createProcessInstanceQuery().processDefinitionKey("escalation")
        .variableValueEquals("guardedInstanceId", one.getId()).singleResult();
    clock("2026-11-10T10:00:00+08:00");
    complete(task("Task_Interview", escalation), withVariables("interviewDate", "2026-11-10", "interviewers", "县纪委监委",
        "interviewee", "测试县农业农村局局长", "interviewOutcome", "说明原因"));

    // The year ends before Q4 is scored: the annual summary counts Q4 as it stands, marked provisional.
    ProcessInstance annual = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(planId).singleResult();
    clock("2027-01-01T00:00:10+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(annual.getId()).activityId("Timer_YearEnd")
        .singleResult().getId());
    Task summary = task("Task_AnnualSummary", annual);
    assertThat((String) taskService.getVariable(summary.getId(), AnnualScores.SCORE_TOTALS_TEXT))
        .contains("计入：2026年第一季度、2026年第二季度、2026年第三季度、2026年第四季度（尚未发布，按当前情况预计）")
        .contains("测试县水务局：+1分").contains("测试县扶贫办：0分").contains("测试县农业农村局：-20分");

    endQuarter("2027-01-01T01:00:30+08:00");
    // Nov 2..30: 21 working days, December: 23; the interview; and a cap line that limits the quarter to -20.
    assertThat(lines("2026-Q4")).extracting(ScoreLine::unitId, ScoreLine::rule, ScoreLine::points, ScoreLine::keyTaskNo)
        .containsExactly(tuple("sc-agri", ScoreRule.OVERDUE_WORKING_DAYS, -44, 1),
            tuple("sc-agri", ScoreRule.INTERVIEW, -5, 1),
            tuple("sc-agri", ScoreRule.CAP, 29, null));
    assertThat(lines("2026-Q4").get(0).description()).contains("完成时限2026-10-30").contains("本季度逾期44个工作日");
    assertThat(body(mailsTo("sc-water@test.example.org").get(0))).contains("1. 测试县农业农村局（-20分）");
    Task lapsed = appealTask("sc-agri");
    assertThat(lapsed.getDueDate()).isEqualTo(at("2027-01-08T23:59:59+08:00"));
    clock("2027-01-09T00:00:30+08:00");
    runDueJobs(managementService, scoring.getId());
    BpmnAwareTests.assertThat(scoring).isEnded()
        .hasPassed("Timer_AppealWindowClosed", "EndEvent_AppealWindowClosed", "EndEvent_AppealDecided",
            "EndEvent_YearScored");
    assertThat(lines("2026-Q4")).allMatch(l -> ScoreLine.ACTIVE.equals(l.status()));

    JsonNode year = scoresApi("sc-coordinator", PASSWORD, "&unit=sc-agri");
    assertThat(year.path("units")).extracting(u -> u.path("quarter").asText() + ":" + u.path("total").asInt())
        .containsExactlyInAnyOrder("2026-Q1:0", "2026-Q2:0", "2026-Q3:0", "2026-Q4:-20");
  }

  @Test
  void aUnitWithoutObjectionsConfirmsItsScore() {
    ProcessInstance four = keyTask(4);
    clock("2026-02-01T08:05:00+08:00");
    MonthlyReports.openIn(runtimeService, four.getId());
    endQuarter("2026-04-01T01:00:30+08:00");
    Task appeal = appealTask("sc-fpb");
    assertThatThrownBy(() -> taskService.complete(appeal.getId(), withVariables("appealChoice", "")))
        .hasMessageContaining("请选择");
    complete(appeal, withVariables("appealChoice", "none"));
    BpmnAwareTests.assertThat(scoring).hasPassed("EndEvent_NoAppeal").isWaitingAt("Timer_QuarterEnd");
    assertThat(lines("2026-Q1")).singleElement().extracting(ScoreLine::status).isEqualTo(ScoreLine.ACTIVE);
  }

  @Test
  void aPlanImportedMidYearIsNotScoredForQuartersAlreadyOver() {
    clock("2026-08-15T10:00:00+08:00");
    planId = "score-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId).replace("t-", "sc-"), "test", PASSWORD);
    ProcessInstance late = runtimeService.createProcessInstanceQuery().processDefinitionKey(Scoring.PROCESS_KEY)
        .processInstanceBusinessKey(planId).singleResult();
    assertThat(managementService.createJobQuery().processInstanceId(late.getId()).activityId("Timer_QuarterEnd").singleResult()
        .getDuedate()).isEqualTo(at("2026-10-01T01:00:00+08:00"));
    // Q3 and Q4 only: the loop holds Q3 now, then Q4, then the year is scored.
    assertThat(org.campaigndesk.kernel.JsonLists.read(runtimeService.getVariable(late.getId(), Scoring.QUARTERS)))
        .containsExactly("2026-Q3", "2026-Q4");
    assertThat(runtimeService.getVariable(late.getId(), Scoring.QUARTER)).isEqualTo("2026-Q3");
    // The timer's date evaluated again (an operator's recalculation) is the same quarter's end, not the next one's.
    Job q3 = managementService.createJobQuery().processInstanceId(late.getId()).activityId("Timer_QuarterEnd").singleResult();
    managementService.recalculateJobDuedate(q3.getId(), false);
    assertThat(managementService.createJobQuery().jobId(q3.getId()).singleResult().getDuedate()).isEqualTo(at("2026-10-01T01:00:00+08:00"));
    clock("2026-10-01T01:00:30+08:00");
    managementService.executeJob(q3.getId());
    runDueJobs(managementService, late.getId());
    assertThat(scores.scoredQuarters(planId)).extracting(ScoreRepository.ScoredQuarter::quarter).containsExactly("2026-Q3");
    // Q4's timer only once Q3's appeals are over, as ever.
    assertThat(managementService.createJobQuery().processInstanceId(late.getId()).activityId("Timer_QuarterEnd").count()).isZero();
    taskService.createTaskQuery().processInstanceId(late.getId()).taskDefinitionKey("Task_Appeal").list()
        .forEach(appeal -> complete(appeal, withVariables("appealChoice", "none")));
    assertThat(runtimeService.getVariable(late.getId(), Scoring.QUARTER)).isEqualTo("2026-Q4");
    clock("2027-01-01T01:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(late.getId()).activityId("Timer_QuarterEnd")
        .singleResult().getId());
    runDueJobs(managementService, late.getId());
    taskService.createTaskQuery().processInstanceId(late.getId()).taskDefinitionKey("Task_Appeal").list()
        .forEach(appeal -> complete(appeal, withVariables("appealChoice", "none")));
    BpmnAwareTests.assertThat(late).isEnded().hasPassed("EndEvent_YearScored");
    assertThat(scores.scoredQuarters(planId)).extracting(ScoreRepository.ScoredQuarter::quarter)
        .containsExactlyInAnyOrder("2026-Q3", "2026-Q4");
  }

  @Test
  void aPlanWithoutQuartersLeft_isScoredForNone() {
    // As for a plan whose year is over: no quarter ahead, the loop ends before any timer.
    ProcessInstance none = runtimeService.createProcessInstanceById(scoring.getProcessDefinitionId())
        .setVariables(runtimeService.getVariables(scoring.getId()))
        .setVariable(Scoring.QUARTERS, org.campaigndesk.kernel.JsonLists.of(List.of())).businessKey(planId + "-none").execute();
    BpmnAwareTests.assertThat(none).isEnded().hasPassed("EndEvent_YearScored").hasNotPassed("Timer_QuarterEnd", "SubProcess_Quarter");
  }
}
