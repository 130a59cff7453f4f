package org.campaigndesk.ledger;

import org.campaigndesk.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueJobs;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.identity.IdentitySync;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The ledger over HTTP, on a plan imported as a coordinator imports it: colours at each boundary as
 * the clock moves, closed key tasks, reports, problems and extensions, each user's rows, and the
 * Excel export read back with Apache POI.
 */
class LedgerApiTest extends AbstractAppTest {

  /** Campaigns mail their units when they open. */
  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  static final String PASSWORD = "ledger-pw";
  /** A user of the province (group {@code province}); not "admin", whom other tests' wrong passwords may have locked. */
  static final String PROVINCE = "lg-province";
  static final String ADMIN_PASSWORD = PASSWORD;
  static final String COORDINATOR = "lg-coordinator";

  @Autowired
  PlanImportService importService;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  IdentityService identityService;

  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void importPlan() {
    clock("2026-03-10T10:00:00+08:00");
    planId = "ledger-" + UUID.randomUUID().toString().substring(0, 8);
    // Units of their own ("lg-…"), so that their passwords and rows are this test's.
    importService.importPlan(TestPlans.plan(planId).replace("t-", "lg-"), "test", PASSWORD);
    ensureUser(PROVINCE, Viewers.PROVINCE);
    ensureUser(COORDINATOR, IdentitySync.COORDINATORS);
    // The coordinator coordinates the plan's county (its Camunda tenant).
    String county = keyTask(1) == null ? null : keyTask(1).getTenantId();
    if (county != null && identityService.createTenantQuery().tenantId(county).userMember(COORDINATOR).count() == 0) {
      identityService.createTenantUserMembership(county, COORDINATOR);
    }
  }

  void ensureUser(String id, String group) {
    if (identityService.createGroupQuery().groupId(group).count() == 0) {
      Group g = identityService.newGroup(group);
      g.setName(group);
      identityService.saveGroup(g);
    }
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(id, group);
    }
  }

  JsonNode ledger(String user, String password, String query) throws IOException {
    ResponseEntity<String> response = rest.withBasicAuth(user, password).getForEntity("/api/ledger?plan=" + planId + query, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  JsonNode row(int taskNo) throws IOException {
    for (JsonNode row : ledger(PROVINCE, ADMIN_PASSWORD, "").path("rows")) {
      if (row.path("taskNo").asInt() == taskNo) {
        return row;
      }
    }
    throw new AssertionError("no row " + taskNo);
  }

  String colour(int taskNo) throws IOException {
    return row(taskNo).path("colour").asText();
  }

  List<Integer> taskNos(JsonNode ledger) {
    List<Integer> nos = new ArrayList<>();
    ledger.path("rows").forEach(r -> nos.add(r.path("taskNo").asInt()));
    return nos;
  }

  void signAndPlan(ProcessInstance pi, String unit, String date) {
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    complete(task("Task_ImplementationPlan", pi), Variables.createVariables()
        .putValue("planSummary", "分阶段推进")
        .putValueTyped("subItems", SpinValues.jsonValue("[{\"content\": \"实施\", \"ownerUnit\": \"" + unit + "\", \"dueDate\": \"" + date + "\"},"
            // 扶贫办 (responsible or co-lead unit) gets a contribution task: only the units the breakdown names do.
            + "{\"content\": \"资金保障\", \"ownerUnit\": \"lg-fpb\", \"dueDate\": \"" + date + "\"}]").create()));
    for (Task contribution : taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_Contribution").list()) {
      complete(contribution, withVariables("contributionReport", "本单位已完成", "contributionDate", date));
    }
  }

  @Test
  void coloursFollowTheClock_extensionReportsProblemsAndCloseOut() throws IOException {
    // Key task 二 is due 30 June: green a week and a second before, yellow from then, red after the deadline.
    clock("2026-06-23T23:59:59+08:00");
    assertThat(colour(2)).isEqualTo("GREEN");
    clock("2026-06-24T00:00:00+08:00");
    assertThat(colour(2)).isEqualTo("YELLOW");
    clock("2026-06-30T23:59:59+08:00");
    assertThat(colour(2)).isEqualTo("YELLOW");
    clock("2026-07-01T00:00:00+08:00");
    JsonNode overdue = row(2);
    assertThat(overdue.path("colour").asText()).isEqualTo("RED");
    assertThat(overdue.path("title").asText()).isEqualTo("饮水安全保障工程");
    assertThat(overdue.path("leadLeaders").asText()).isEqualTo("张三、李四");
    assertThat(overdue.path("leadUnit").asText()).isEqualTo("测试县水务局");
    assertThat(overdue.path("coLeadUnits").asText()).isEqualTo("测试县扶贫办");
    assertThat(overdue.path("responsibleUnits").asText()).isEqualTo("甲镇、乙乡");
    assertThat(overdue.path("deadlineText").asText()).isEqualTo("2026年6月30日前");
    assertThat(overdue.path("currentStep").asText()).isEqualTo("签收（测试县水务局）");
    assertThat(ledger(PROVINCE, ADMIN_PASSWORD, "&colour=red").path("rows")).extracting(r -> r.path("taskNo").asInt()).containsExactly(2);

    // An approved extension: judged by the new deadline, and listed.
    ProcessInstance two = keyTask(2);
    signAndPlan(two, "lg-water", "2026-07-20");
    complete(task("Task_RequestCompletion", two), withVariables("requestKind", "extension", "extensionNewDate", "2026-08-31",
        "extensionReason", "汛期施工受阻"));
    assertThat(row(2).path("currentStep").asText()).isEqualTo("延期审批（" + LedgerService.COORDINATORS_HOLDER + "）");
    complete(task("Task_DecideExtension", two), withVariables("extensionApproved", "approve", "extensionDecisionComment", "同意"));
    JsonNode extended = row(2);
    assertThat(extended.path("colour").asText()).isEqualTo("GREEN");
    assertThat(extended.path("extensions").asText()).isEqualTo("申请延期1次；2026年8月31日前（经批准延期，原2026年6月30日前）");
    assertThat(extended.path("deadlineDate").asText()).isEqualTo("2026-08-31");
    // Stored choices are shown as their forms offer them (ShownValues), in the detail view and the dossier.
    JsonNode extendedDetail = json.readTree(rest.withBasicAuth(PROVINCE, ADMIN_PASSWORD)
        .getForEntity("/api/ledger/" + two.getId(), String.class).getBody());
    assertThat(extendedDetail.path("recorded")).filteredOn(r -> r.path("variable").asText().equals("requestKind"))
        .extracting(r -> r.path("value").asText()).containsExactly("申请延期");
    assertThat(extendedDetail.path("recorded")).filteredOn(r -> r.path("variable").asText().equals("extensionApproved"))
        .extracting(r -> r.path("name").asText() + "：" + r.path("value").asText()).containsExactly("延期审批结果：同意延期");
    assertThat(extendedDetail.toString()).doesNotContain("\"approve\"", "\"extension\"");
    JsonNode extendedDossier = json.readTree(rest.withBasicAuth(PROVINCE, ADMIN_PASSWORD)
        .getForEntity("/api/ledger/" + two.getId() + "/dossier", String.class).getBody());
    assertThat(extendedDossier.path("extensions")).singleElement()
        .satisfies(e -> assertThat(e.path("decision").asText()).isEqualTo("同意延期"));
    // Its completion watch has not started (the first reminder is months away), yet the dossier lists the extended deadline.
    assertThat(extendedDossier.path("deadlines")).filteredOn(w -> w.path("subject").asText().equals("办结时限"))
        .singleElement().satisfies(w -> {
          assertThat(w.path("dueDate").asText()).isEqualTo("2026-08-31");
          assertThat(w.path("overdue").asBoolean()).isFalse();
          assertThat(w.path("started").isNull()).isTrue();
        });

    // A monthly report open past the 20th turns an on-track key task yellow; submitting it shows it as the latest report.
    ProcessInstance three = keyTask(3);
    clock("2026-07-01T08:05:00+08:00");
    MonthlyReports.openIn(runtimeService, three.getId());
    clock("2026-07-20T23:59:59+08:00");
    assertThat(colour(3)).isEqualTo("GREEN");
    clock("2026-07-21T00:00:00+08:00");
    JsonNode missing = row(3);
    assertThat(missing.path("colour").asText()).isEqualTo("YELLOW");
    assertThat(missing.path("reportMissing").asBoolean()).isTrue();
    assertThat(missing.path("missingReports").get(0).path("month").asText()).isEqualTo("2026-07");
    assertThat(missing.path("missingReports").get(0).path("dueDate").asText()).isEqualTo("2026-07-20");
    assertThat(missing.path("lastReport").isNull()).isTrue();
    clock("2026-07-22T10:00:00+08:00");
    complete(task("Task_ProgressReport", three), withVariables("progressThisMonth", "完成两期培训", "nextMonthPlan", "继续",
        "percentComplete", 40));
    JsonNode reported = row(3);
    assertThat(reported.path("colour").asText()).isEqualTo("GREEN");
    assertThat(reported.path("lastReportMonth").asText()).isEqualTo("2026年7月");
    assertThat(reported.path("lastReportDate").asText()).isEqualTo("2026-07-22");
    assertThat(reported.path("lastReport").asText()).isEqualTo("完成两期培训（总体完成40%）");

    // A problem from the monthly inspection, tied to key task 二, is listed until it is closed out.
    ProcessInstance annual = runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan")
        .processInstanceBusinessKey(planId).singleResult();
    Job inspectionJob = managementService.createJobQuery().processInstanceId(annual.getId()).activityId("StartEvent_InspectionMonth").singleResult();
    managementService.executeJob(inspectionJob.getId());
    ProcessInstance inspection = runtimeService.createProcessInstanceQuery().processDefinitionKey("inspection")
        .processInstanceBusinessKey(planId).singleResult();
    complete(task("Task_Inspect", inspection), withVariables("inspectionSummary", "走访水务局",
        "problemsText", "饮水工程水质检测未开展｜测试县水务局｜2026-08-15｜2"));
    assertThat(row(2).path("openProblems")).extracting(JsonNode::asText)
        .containsExactly("饮水工程水质检测未开展（测试县水务局，整改期限：2026年8月15日前）");
    assertThat(row(1).path("openProblems")).isEmpty();
    // ... and on the rectifications tab, for the coordinators and the unit that rectifies.
    JsonNode rectifications = items(PROVINCE, "rectifications", "");
    assertThat(rectifications).singleElement().satisfies(r -> {
      assertThat(r.path("title").asText()).isEqualTo("饮水工程水质检测未开展");
      assertThat(r.path("context").asText()).contains("【二】饮水安全保障工程");
      assertThat(r.path("unit").asText()).isEqualTo("测试县水务局");
      assertThat(r.path("colour").asText()).isEqualTo("GREEN");
      assertThat(r.path("currentStep").asText()).isEqualTo("整改");
    });
    assertThat(items("lg-water", "rectifications", "")).hasSize(1);
    assertThat(items("lg-agri", "rectifications", "")).isEmpty();

    // Closed out: grey, with the date; the full history stays readable.
    ProcessInstance one = keyTask(1);
    signAndPlan(one, "lg-agri", "2026-07-23");
    clock("2026-07-23T15:00:00+08:00");
    complete(task("Task_RequestCompletion", one), withVariables("requestKind", "completion", "completionSummary", "全部完成",
        "evidenceDescription", "验收报告存档", "completedOn", "2026-07-23"));
    complete(task("Task_Acceptance", one), withVariables("acceptanceDecision", "accept"));
    JsonNode closed = row(1);
    assertThat(closed.path("colour").asText()).isEqualTo("GREY");
    assertThat(closed.path("closed").asBoolean()).isTrue();
    assertThat(closed.path("status").asText()).isEqualTo("已销号");
    assertThat(closed.path("closedOutDate").asText()).isEqualTo("2026-07-23");
    assertThat(closed.path("currentStep").asText()).isEmpty();
    assertThat(ledger(PROVINCE, ADMIN_PASSWORD, "&status=closed").path("rows")).extracting(r -> r.path("taskNo").asInt()).containsExactly(1);

    JsonNode detail = json.readTree(rest.withBasicAuth(PROVINCE, ADMIN_PASSWORD)
        .getForEntity("/api/ledger/" + one.getId(), String.class).getBody());
    assertThat(detail.path("steps")).extracting(s -> s.path("definitionKey").asText())
        .startsWith("Task_SignFor", "Task_ImplementationPlan").contains("Task_Contribution", "Task_RequestCompletion", "Task_Acceptance");
    assertThat(detail.path("steps")).filteredOn(s -> s.path("definitionKey").asText().equals("Task_Contribution"))
        .allSatisfy(s -> assertThat(s.path("submitted").path("落实情况").asText()).isEqualTo("本单位已完成"));
    assertThat(detail.path("recorded")).extracting(r -> r.path("name").asText())
        .contains("签收人", "办结总结", "佐证材料（清单及存放位置）", "销号时间").doesNotContain("leadUnitName", "planId");
    // Done long before its first reminder: its deadline watch never had anything to do, so it never started.
    assertThat(detail.path("related")).extracting(r -> r.path("process").asText()).doesNotContain("期限监督");

    // Sorting by any column; a filter that makes no sense is a 400, not an empty ledger.
    assertThat(taskNos(ledger(PROVINCE, ADMIN_PASSWORD, "&sort=taskNo&dir=desc"))).containsExactly(4, 3, 2, 1);
    // 二 was extended to 31 August, before 一's 30 October.
    assertThat(taskNos(ledger(PROVINCE, ADMIN_PASSWORD, "&sort=deadline"))).containsExactly(2, 1, 3, 4);
    assertThat(rest.withBasicAuth(PROVINCE, ADMIN_PASSWORD).getForEntity("/api/ledger?colour=blue", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void eachUnitSeesItsOwnRows_coordinatorsTheCounty_onTheLedgerAndInTheExport() throws IOException {
    assertThat(taskNos(ledger("lg-water", PASSWORD, ""))).containsExactly(2);
    assertThat(taskNos(ledger("lg-agri", PASSWORD, "&sort=taskNo"))).containsExactly(1, 3);
    assertThat(taskNos(ledger("lg-town1", PASSWORD, "&sort=taskNo"))).containsExactly(1, 2, 4);
    // Lead leaders see the key tasks they lead.
    assertThat(taskNos(ledger("lg-li", PASSWORD, "&sort=taskNo"))).containsExactly(2, 3);
    JsonNode coordinator = ledger(COORDINATOR, PASSWORD, "&sort=taskNo");
    assertThat(taskNos(coordinator)).containsExactly(1, 2, 3, 4);
    assertThat(coordinator.path("viewerKind").asText()).isEqualTo("COORDINATOR");
    assertThat(coordinator.path("counties")).isEmpty();
    JsonNode admin = ledger(PROVINCE, ADMIN_PASSWORD, "&sort=taskNo");
    assertThat(taskNos(admin)).containsExactly(1, 2, 3, 4);
    assertThat(admin.path("viewerKind").asText()).isEqualTo("PROVINCE");
    // The plan's county (the installation's default region, as the plan names none); the province view has its summary row.
    String county = keyTask(1).getTenantId();
    assertThat(admin.path("rows")).allSatisfy(r -> assertThat(r.path("county").asText()).isEqualTo(county));
    assertThat(admin.path("counties")).singleElement().satisfies(c -> {
      assertThat(c.path("county").asText()).isEqualTo(county);
      assertThat(c.path("total").asInt()).isEqualTo(4);
      assertThat(c.path("byColour").path("GREEN").asInt()).isEqualTo(4);
    });
    assertThat(ledger("lg-water", PASSWORD, "").path("counties")).isEmpty();

    // A unit cannot open another unit's key task, nor import plans; no login, no ledger.
    ResponseEntity<String> foreign = rest.withBasicAuth("lg-water", PASSWORD).getForEntity("/api/ledger/" + keyTask(1).getId(), String.class);
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.withBasicAuth("lg-water", PASSWORD).getForEntity("/api/ledger/" + keyTask(2).getId(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(rest.withBasicAuth("lg-water", PASSWORD).getForEntity("/api/plans", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.getForEntity("/api/ledger", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("lg-nobody", "wrong").getForEntity("/api/ledger", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    try (XSSFWorkbook water = excel("lg-water", PASSWORD, "")) {
      Sheet sheet = water.getSheet(LedgerExcel.SHEET_LEDGER);
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("饮水安全保障工程");
    }
    try (XSSFWorkbook town = excel("lg-town1", PASSWORD, "&sort=taskNo")) {
      Sheet sheet = town.getSheet(LedgerExcel.SHEET_LEDGER);
      assertThat(sheet.getLastRowNum()).isEqualTo(4);
      assertThat(List.of(sheet.getRow(2).getCell(1).getStringCellValue(), sheet.getRow(3).getCell(1).getStringCellValue(),
          sheet.getRow(4).getCell(1).getStringCellValue())).containsExactly("1", "2", "4");
    }
  }

  @Test
  void excelExport_titleFrozenHeaderColoursWidthsAndTheMissingReports() throws IOException {
    // 1 July: key task 二 overdue; key task 三's July report opened and, on the 21st, missing.
    ProcessInstance three = keyTask(3);
    clock("2026-07-01T08:05:00+08:00");
    MonthlyReports.openIn(runtimeService, three.getId());
    clock("2026-07-21T09:00:00+08:00");

    try (XSSFWorkbook workbook = excel(PROVINCE, ADMIN_PASSWORD, "&sort=taskNo")) {
      Sheet sheet = workbook.getSheet(LedgerExcel.SHEET_LEDGER);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("测试县2026年扶贫开发工作计划重点工作台账（截至2026年7月21日）");
      assertThat(sheet.getMergedRegion(0).getLastColumn()).isEqualTo(LedgerExcel.COLUMNS.size() - 1);
      Row header = sheet.getRow(1);
      assertThat(header.getCell(1).getStringCellValue()).isEqualTo("编号");
      assertThat(header.getCell(2).getStringCellValue()).isEqualTo("重点工作");
      assertThat(header.getCell(LedgerExcel.COLUMNS.size() - 1).getStringCellValue()).isEqualTo("状态");
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
      assertThat(sheet.getLastRowNum()).isEqualTo(5);

      Row two = sheet.getRow(3);
      assertThat(two.getCell(2).getStringCellValue()).isEqualTo("饮水安全保障工程");
      assertThat(two.getCell(LedgerExcel.COLUMNS.size() - 1).getStringCellValue()).isEqualTo("红·逾期");
      assertThat(fill(two, LedgerExcel.COLUMNS.size() - 1)).isEqualTo(LedgerColour.RED.fill());
      assertThat(fill(sheet.getRow(4), LedgerExcel.COLUMNS.size() - 1)).isEqualTo(LedgerColour.YELLOW.fill());
      assertThat(fill(sheet.getRow(2), LedgerExcel.COLUMNS.size() - 1)).isEqualTo(LedgerColour.GREEN.fill());
      // The title column is wide enough for its Chinese text (two units per character), within its cap.
      assertThat(sheet.getColumnWidth(2)).isGreaterThanOrEqualTo(2 * "党建扶贫双推进提升工程".length() * 256);

      Sheet missing = workbook.getSheet(LedgerExcel.SHEET_MISSING);
      assertThat(missing.getRow(1).getCell(3).getStringCellValue()).isEqualTo("报告月份");
      assertThat(missing.getLastRowNum()).isEqualTo(2);
      Row report = missing.getRow(2);
      assertThat(report.getCell(1).getStringCellValue()).isEqualTo("党建扶贫双推进提升工程");
      assertThat(report.getCell(3).getStringCellValue()).isEqualTo("2026年7月");
      assertThat(report.getCell(4).getStringCellValue()).isEqualTo("2026-07-20");
      assertThat(report.getCell(5).getStringCellValue()).isEqualTo("逾期未报送");
    }
    // As filtered: only the red row.
    try (XSSFWorkbook red = excel(PROVINCE, ADMIN_PASSWORD, "&colour=red")) {
      Sheet sheet = red.getSheet(LedgerExcel.SHEET_LEDGER);
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("2");
    }
  }

  JsonNode items(String user, String tab, String query) throws IOException {
    ResponseEntity<String> response = rest.withBasicAuth(user, PASSWORD).getForEntity("/api/ledger/" + tab + "?plan=" + planId + query,
        String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  @Test
  void twoCounties_eachCoordinatorSeesHisCounty_theProvinceBothWithASummaryRowEach() throws IOException {
    String suffix = UUID.randomUUID().toString().substring(0, 5);
    String east = "le" + suffix;
    String west = "lw" + suffix;
    String eastPlan = "ledger-e-" + suffix;
    String westPlan = "ledger-w-" + suffix;
    for (String county : List.of(east, west)) {
      importService.importPlan(TestPlans.plan(county.equals(east) ? eastPlan : westPlan).replace("t-", county + "-")
          .replace("year: 2026", "year: 2026\n  region: {id: " + county + ", name: 测试县" + county + "}"), "test", PASSWORD);
    }
    String eastCoordinator = east + "-coordinator";
    ensureUser(eastCoordinator, IdentitySync.COORDINATORS);
    identityService.createTenantUserMembership(east, eastCoordinator);

    JsonNode coordinator = json.readTree(rest.withBasicAuth(eastCoordinator, PASSWORD).getForEntity("/api/ledger", String.class).getBody());
    assertThat(coordinator.path("rows")).hasSize(4).allSatisfy(r -> {
      assertThat(r.path("county").asText()).isEqualTo(east);
      assertThat(r.path("planId").asText()).isEqualTo(eastPlan);
    });
    assertThat(rest.withBasicAuth(eastCoordinator, PASSWORD).getForEntity("/api/ledger?county=" + west, String.class).getBody())
        .contains("\"rows\":[]");
    // A unit sees its rows of its own county only.
    JsonNode unit = json.readTree(rest.withBasicAuth(west + "-water", PASSWORD).getForEntity("/api/ledger", String.class).getBody());
    assertThat(unit.path("rows")).singleElement().satisfies(r -> assertThat(r.path("county").asText()).isEqualTo(west));

    JsonNode province = json.readTree(rest.withBasicAuth(PROVINCE, PASSWORD).getForEntity("/api/ledger", String.class).getBody());
    assertThat(province.path("counties")).filteredOn(c -> List.of(east, west).contains(c.path("county").asText()))
        .hasSize(2).allSatisfy(c -> assertThat(c.path("total").asInt()).isEqualTo(4));
    JsonNode westOnly = json.readTree(rest.withBasicAuth(PROVINCE, PASSWORD).getForEntity("/api/ledger?county=" + west, String.class)
        .getBody());
    assertThat(westOnly.path("rows")).hasSize(4).allSatisfy(r -> assertThat(r.path("planId").asText()).isEqualTo(westPlan));
    assertThat(westOnly.path("counties")).singleElement().satisfies(c -> assertThat(c.path("county").asText()).isEqualTo(west));

    ResponseEntity<byte[]> export = rest.withBasicAuth(eastCoordinator, PASSWORD).getForEntity("/api/ledger.xlsx", byte[].class);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.getBody()))) {
      Sheet sheet = workbook.getSheet(LedgerExcel.SHEET_LEDGER);
      assertThat(sheet.getLastRowNum()).isEqualTo(5);
      for (int r = 2; r <= 5; r++) {
        assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).isEqualTo(east);
      }
    }
  }

  @Test
  void campaignItemsHaveTheirTab_openThenDone() throws IOException {
    clock("2026-07-15T10:00:00+08:00");
    planId = "ledger-campaign-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId).replace("t-", "lg-") + """
        campaigns:
          - id: autumn
            name: 秋季巩固行动
            start: 2026-07-01
            end: 2026-09-30
            items:
              - {title: 做好迎接脱贫攻坚普查准备, units: [lg-fpb]}
        """, "test", PASSWORD);
    ProcessInstance autumn = runtimeService.createProcessInstanceQuery().processDefinitionKey("campaign")
        .processInstanceBusinessKey(planId).singleResult();
    runDueJobs(managementService, autumn.getId());
    assertThat(items(PROVINCE, "campaign-items", "")).singleElement().satisfies(r -> {
      assertThat(r.path("title").asText()).isEqualTo("做好迎接脱贫攻坚普查准备");
      assertThat(r.path("context").asText()).isEqualTo("秋季巩固行动");
      assertThat(r.path("unit").asText()).isEqualTo("测试县扶贫办");
      assertThat(r.path("deadline").asText()).isEqualTo("2026-09-30前");
      assertThat(r.path("colour").asText()).isEqualTo("GREEN");
      assertThat(r.path("currentStep").asText()).isEqualTo("落实中");
    });
    assertThat(items("lg-fpb", "campaign-items", "")).hasSize(1);
    assertThat(items("lg-water", "campaign-items", "")).isEmpty();
    Task item = taskService.createTaskQuery().processInstanceId(autumn.getId()).taskDefinitionKey("Task_CampaignItem").singleResult();
    clock("2026-08-03T10:00:00+08:00");
    complete(item, withVariables("itemReport", "已完成普查准备", "itemCompletedOn", "2026-08-03"));
    assertThat(items("lg-fpb", "campaign-items", "").get(0).path("colour").asText()).isEqualTo("GREY");
    assertThat(items("lg-fpb", "campaign-items", "").get(0).path("currentStep").asText()).isEqualTo("已落实：已完成普查准备");
    assertThat(items("lg-fpb", "campaign-items", "").get(0).path("closedDate").asText()).isEqualTo("2026-08-03");
  }

  @Test
  void supervisionTargetsHaveTheirTab_colouredByTheMonthsOpenWork() throws IOException {
    clock("2026-01-15T10:00:00+08:00");
    planId = "ledger-target-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan("""
        plan: {id: %s, title: 测试州脱贫攻坚挂牌督战工作方案, issuer: 测试州扶贫开发领导小组, documentNo: 测贫组发〔2026〕3号, year: 2026}
        units:
          - {id: lgs-squad, name: 甲县督战小分队, kind: other}
          - {id: lgs-fpb, name: 测试州扶贫办, kind: department}
        leaders:
          - {id: lgs-yang, name: 杨一}
        tasks: []
        supervision:
          reportDay: 20
          phases:
            - {name: 打歼灭战, start: 2026-01-01, end: 2026-06-30}
          targets:
            - {id: jiaxian, name: 甲县, kind: county, county: 甲县, leaders: [lgs-yang], squadLeads: [lgs-yang], squadUnit: lgs-squad}
        """.formatted(planId), "test", PASSWORD);
    ProcessInstance target = runtimeService.createProcessInstanceQuery().processDefinitionKey("supervision-target")
        .processInstanceBusinessKey(planId).singleResult();
    clock("2026-02-01T08:00:30+08:00");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(target.getId()).activityId("StartEvent_Month")
        .singleResult().getId());
    // The month's analysis is due on the 10th: yellow within 7 days of it, red after.
    clock("2026-02-02T10:00:00+08:00");
    assertThat(items(PROVINCE, "targets", "")).singleElement().satisfies(r -> {
      assertThat(r.path("title").asText()).isEqualTo("甲县");
      assertThat(r.path("unit").asText()).isEqualTo("甲县督战小分队");
      assertThat(r.path("leaders").asText()).isEqualTo("杨一");
      assertThat(r.path("colour").asText()).isEqualTo("GREEN");
      assertThat(r.path("currentStep").asText()).isEqualTo("2026年2月督战分析");
    });
    clock("2026-02-04T10:00:00+08:00");
    assertThat(items("lgs-squad", "targets", "").get(0).path("colour").asText()).isEqualTo("YELLOW");
    clock("2026-02-11T10:00:00+08:00");
    assertThat(items(PROVINCE, "targets", "&colour=red")).hasSize(1);
    assertThat(items("lg-water", "targets", "")).isEmpty();
  }

  XSSFWorkbook excel(String user, String password, String query) throws IOException {
    ResponseEntity<byte[]> response = rest.withBasicAuth(user, password).getForEntity("/api/ledger.xlsx?plan=" + planId + query, byte[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).isEqualTo(LedgerController.XLSX.toString());
    assertThat(response.getHeaders().getContentDisposition().getFilename()).endsWith(".xlsx");
    return new XSSFWorkbook(new ByteArrayInputStream(response.getBody()));
  }

  static String fill(Row row, int column) {
    XSSFCellStyle style = (XSSFCellStyle) row.getCell(column).getCellStyle();
    return style.getFillForegroundXSSFColor().getARGBHex().substring(2);
  }
}
