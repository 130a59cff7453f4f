package org.campaigndesk.browser;

import java.util.stream.Stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import org.campaigndesk.plan.ChineseDates;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.Zones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, must-show 1 and 9 for the supervision side, in headless Chromium asking for Chinese:
 * the inspection team fills its problem list as a table of three rows by keyboard (dates typed),
 * a row with a past deadline is refused beside it in Chinese, the fixed list starts one
 * rectification per row; a lead leader gives his dispatch instructions as a table, each row one
 * of his own key tasks. Screenshots in {@code target/browser-screenshots/}.
 */
@Tag("browser")
class InspectionFormsBrowserTest extends AbstractAppTest {

  static final String PLAN = "inspection-browser-plan";
  static final String PASSWORD = "inspection-browser-pw";

  @LocalServerPort
  int port;
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

  TasklistSession tasklist;
  LocalDate today;

  @RegisterExtension
  final TestExecutionExceptionHandler keepPageOnFailure = TasklistSession.keepPageOnFailure(() -> tasklist);

  @BeforeEach
  void importPlanAndStartBrowser() throws IOException {
    tasklist = TasklistSession.start(port, Duration.ofSeconds(25), null, "inspection-");
    // The browser checks dates against its own today, the server against the engine's: both are the real one here.
    today = LocalDate.now(Zones.DEFAULT);
    if (identityService.createGroupQuery().groupId("ib-agri").count() == 0) {
      importService.importPlan(TestPlans.inYear(PLAN, "ib", today.getYear()), "test", null);
      User inspector = identityService.newUser("ib-inspector");
      inspector.setFirstName("督查员");
      inspector.setLastName("王");
      identityService.saveUser(inspector);
      identityService.createMembership("ib-inspector", IdentitySync.INSPECTION_TEAM);
      for (String id : List.of("ib-inspector", "ib-zhang")) {
        User user = identityService.createUserQuery().userId(id).singleResult();
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
      }
      String tenant = annualPlan().getTenantId();
      if (tenant != null) {
        identityService.createTenantUserMembership(tenant, "ib-inspector");
      }
    }
  }

  @AfterEach
  void quitBrowser() {
    if (tasklist != null) {
      tasklist.close();
    }
  }

  ProcessInstance annualPlan() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("annual-plan").processInstanceBusinessKey(PLAN)
        .singleResult();
  }

  /** This month's run of one of the plan's monthly processes, its timer fired now rather than on its day. */
  ProcessInstance started(String timer, String processKey) {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(annualPlan().getId()).activityId(timer)
        .singleResult().getId());
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(PLAN)
        .singleResult();
  }

  @Test
  void aProblemListOfThreeRows_typedByKeyboard_aPastDeadlineRefusedInChinese_thenThreeRectifications() {
    ProcessInstance inspection = started("StartEvent_InspectionMonth", "inspection");
    Task inspect = taskService.createTaskQuery().processInstanceId(inspection.getId()).taskDefinitionKey("Task_Inspect")
        .singleResult();
    tasklist.logIn("ib-inspector", PASSWORD);
    tasklist.openForm(inspect.getId());
    tasklist.driver.findElement(By.id("cd-inspectionSummary")).sendKeys("走访甲镇、县水务局和县农业农村局，查阅档案台账。");
    tasklist.click(By.cssSelector(".cd-add-row"));
    tasklist.click(By.cssSelector(".cd-add-row"));
    List<WebElement> rows = tasklist.driver.findElements(By.cssSelector("#cd-problems tbody tr.cd-row"));
    assertThat(rows).hasSize(3);
    String[][] content = {{"危房改造档案不全", "甲镇", date(5)}, {"饮水工程水质检测未开展", "测试县水务局", date(10)},
        {"产业项目台账缺失", "测试县农业农村局", today.minusDays(1).toString()}};
    for (int i = 0; i < 3; i++) {
      rows.get(i).findElement(By.cssSelector("input.cd-cell-text")).sendKeys(content[i][0]);
      new Select(rows.get(i).findElement(By.cssSelector("select.cd-unit"))).selectByVisibleText(content[i][1]);
      rows.get(i).findElement(By.cssSelector("input.cd-date")).sendKeys(content[i][2]);
    }
    // The units offered are the plan's, the key tasks the plan's; the key task may stay unchosen.
    assertThat(new Select(rows.get(0).findElement(By.cssSelector("select.cd-unit"))).getOptions()).extracting(WebElement::getText)
        .containsExactly("请选择单位", "测试县农业农村局", "测试县水务局", "测试县扶贫办", "甲镇", "乙乡");
    new Select(rows.get(1).findElement(By.cssSelector("select.cd-choice"))).selectByVisibleText("【二】饮水安全保障工程");
    // Row 3: a deadline already past, refused beside the row, in Chinese; nothing sent.
    tasklist.click(TasklistSession.COMPLETE);
    WebElement fault = tasklist.wait.until(visibilityOfElementLocated(By.cssSelector("#cd-problems tr.cd-row-error td")));
    assertThat(fault.getText()).isEqualTo("第3行 · 整改期限：" + today.minusDays(1) + " 已经过去");
    assertThat(tasklist.driver.findElements(By.cssSelector("#cd-problems tr.cd-row-error"))).hasSize(1);
    tasklist.screenshot("01-row-refused");
    assertThat(taskService.createTaskQuery().taskId(inspect.getId()).count()).isOne();
    WebElement third = rows.get(2).findElement(By.cssSelector("input.cd-date"));
    third.clear();
    third.sendKeys(date(20));
    tasklist.screenshot("02-problems-filled");
    tasklist.completeAndWait(() -> taskService.createTaskQuery().taskId(inspect.getId()).count() == 0);

    List<ProcessInstance> rectifications = runtimeService.createProcessInstanceQuery().superProcessInstanceId(inspection.getId())
        .list();
    assertThat(rectifications.stream().map(r -> runtimeService.getVariable(r.getId(), "leadUnitId")).toList())
        .containsExactlyInAnyOrder("ib-town1", "ib-water", "ib-agri");
    // One deadline (a moment, the end of the day), and its text for Tasklist's column.
    assertThat(rectifications.stream().map(r -> runtimeService.getVariable(r.getId(), "deadlineText")).toList())
        .containsExactlyInAnyOrder(Stream.of(5, 10, 20).map(d -> ChineseDates.format(LocalDate.parse(date(d))) + "前").toArray());
    assertThat(rectifications.stream().map(r -> runtimeService.getVariables(r.getId())).toList())
        .allSatisfy(v -> assertThat(v).containsKey("deadline").doesNotContainKey("deadlineDate"));
    assertThat(rectifications.stream().map(r -> String.valueOf(runtimeService.getVariable(r.getId(), "keyTaskLabel"))).toList())
        .contains("【二】饮水安全保障工程");
  }

  @Test
  void dispatchInstructions_aTableOfTheLeadersOwnKeyTasks() {
    ProcessInstance dispatch = started("StartEvent_DispatchMonth", "monthly-dispatch");
    Task meeting = taskService.createTaskQuery().processInstanceId(dispatch.getId()).taskDefinitionKey("Task_DispatchMeeting")
        .taskAssignee("ib-zhang").singleResult();
    tasklist.logIn("ib-zhang", PASSWORD);
    tasklist.openForm(meeting.getId());
    assertThat(tasklist.driver.findElement(By.cssSelector("form[cd-ready]")).getText()).contains("调度议程", "产业扶贫成效提升工程");
    tasklist.click(By.cssSelector(".cd-add-row"));
    List<WebElement> rows = tasklist.driver.findElements(By.cssSelector("#cd-instructionRows tbody tr.cd-row"));
    Select keyTask = new Select(rows.get(0).findElement(By.cssSelector("select.cd-choice")));
    // 张三 leads key tasks 1 and 2: only those are offered.
    assertThat(keyTask.getOptions()).extracting(WebElement::getText)
        .containsExactly("请选择", "【一】产业扶贫成效提升工程", "【二】饮水安全保障工程");
    keyTask.selectByVisibleText("【二】饮水安全保障工程");
    rows.get(0).findElement(By.cssSelector("input.cd-cell-text")).sendKeys("加快水质检测，按期完成");
    rows.get(0).findElement(By.cssSelector("input.cd-date")).sendKeys(date(7));
    // Row 2: an instruction without its key task is refused beside the row.
    rows.get(1).findElement(By.cssSelector("input.cd-cell-text")).sendKeys("每周报送进度");
    tasklist.click(TasklistSession.COMPLETE);
    WebElement fault = tasklist.wait.until(visibilityOfElementLocated(By.cssSelector("#cd-instructionRows tr.cd-row-error td")));
    assertThat(fault.getText()).isEqualTo("第2行 · 重点工作：请选择");
    tasklist.screenshot("03-instruction-refused");
    new Select(rows.get(1).findElement(By.cssSelector("select.cd-choice"))).selectByVisibleText("【一】产业扶贫成效提升工程");
    tasklist.completeAndWait(() -> taskService.createTaskQuery().taskId(meeting.getId()).count() == 0);
    String instructions = historyService.createHistoricVariableInstanceQuery().processInstanceId(dispatch.getId())
        .variableName("instructions").list().stream().map(v -> String.valueOf(v.getValue())).findFirst().orElseThrow();
    // Each instruction as the dispatch keeps it: with the leader who gave it and the month of the dispatch.
    String given = ",\"leaderName\":\"张三\",\"month\":\"" + ChineseDates.format(YearMonth.from(LocalDate.parse(date(0)))) + "\"";
    assertThat(instructions).isEqualTo("[{\"taskNo\":2,\"text\":\"加快水质检测，按期完成\",\"dueDate\":\"" + date(7) + "\"" + given + "},"
        + "{\"taskNo\":1,\"text\":\"每周报送进度\"" + given + "}]");
  }

  String date(int daysFromToday) {
    return today.plusDays(daysFromToday).toString();
  }
}
