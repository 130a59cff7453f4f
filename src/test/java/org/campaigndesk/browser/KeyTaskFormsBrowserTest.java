package org.campaigndesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.task.KeyTaskStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, must-show 9: one key task's whole life in Tasklist, in headless Chromium asking for
 * Chinese, through the UI only (the one exception: the monthly report's timer is fired instead of
 * waiting for the 1st). Sign-for; the implementation plan as a table of three rows, one date typed
 * by keyboard and one picked, a row refused with its Chinese fault beside it; each unit's
 * contribution, one with a photo attached; the monthly report; the completion request; the
 * acceptance, where the coordinator sees the contributions and opens the photo; acceptance closes
 * the key task out. Screenshots in {@code target/browser-screenshots/}.
 */
@Tag("browser")
class KeyTaskFormsBrowserTest extends AbstractAppTest {

  static final Path SCREENSHOTS = TasklistSession.SCREENSHOTS;
  static final Duration WAIT = Duration.ofSeconds(25);
  static final String PLAN = "forms-browser-plan";
  static final String PASSWORD = "forms-browser-pw";
  static final By COMPLETE = TasklistSession.COMPLETE;

  @LocalServerPort
  int port;
  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ManagementService managementService;

  TasklistSession tasklist;
  WebDriver driver;
  WebDriverWait wait;
  LocalDate today;
  LocalDate deadline;

  @RegisterExtension
  final TestExecutionExceptionHandler keepPageOnFailure = TasklistSession.keepPageOnFailure(() -> tasklist);

  @BeforeEach
  void importPlanAndStartBrowser() throws IOException {
    tasklist = TasklistSession.start(port, WAIT, null, "forms-");
    driver = tasklist.driver;
    wait = tasklist.wait;
    // The browser checks dates against its own today, the server against the engine's: both are the real one here.
    today = LocalDate.now(Zones.DEFAULT);
    deadline = LocalDate.of(today.getYear(), 12, 31);
    if (identityService.createGroupQuery().groupId("bf-agri").count() == 0) {
      importService.importPlan(TestPlans.inYear(PLAN, "bf", today.getYear()), "test", null);
      for (String unit : List.of("bf-agri", "bf-fpb", "bf-town1", "bf-town2")) {
        User user = identityService.createUserQuery().userId(unit).singleResult();
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
      }
    }
  }

  @AfterEach
  void quitBrowser() {
    if (tasklist != null) {
      tasklist.close();
    }
  }

  @Test
  void aCamundaFormsValidation_speaksChinese() {
    // 签收 is still a Camunda Form (form-js): submitted empty, its required fields are refused in Chinese.
    // Key task 3 (same lead unit): key task 1 is the walk's, whichever test runs first.
    Task signFor = task(3, "Task_SignFor");
    logIn("bf-agri", PASSWORD);
    open(signFor);
    wait.until(visibilityOfElementLocated(By.cssSelector(".fjs-container input[id$='Field_signedBy']")));
    // Its header shows the key task's facts from the record (one JSON variable; lists joined by the form).
    String header = driver.findElement(By.cssSelector(".fjs-container")).getText();
    assertThat(header).contains("【三】党建扶贫双推进提升工程").contains("测试县农业农村局").contains("李四")
        .contains("全年推进（" + today.getYear() + "年12月31日前）").doesNotContain("{{").doesNotContain("[object");
    click(COMPLETE);
    By error = By.cssSelector(".fjs-container .fjs-form-field-error");
    wait.until(d -> d.findElements(error).stream().anyMatch(e -> e.getText().contains("此项为必填项")));
    screenshot("00-camunda-form-messages");
    assertThat(driver.findElement(By.cssSelector(".fjs-container")).getText()).doesNotContain("Field is required");
    assertThat(taskService.createTaskQuery().taskId(signFor.getId()).count()).as("not submitted").isEqualTo(1);
  }

  @Test
  void aKeyTaskFromSignForToCloseOut_inTasklistOnly() throws IOException {
    Task signFor = task("Task_SignFor");
    String keyTask = signFor.getProcessInstanceId();

    // 签收 (a Camunda Form)
    logIn("bf-agri", PASSWORD);
    open(signFor);
    By signedBy = By.cssSelector(".fjs-container input[id$='Field_signedBy']");
    wait.until(visibilityOfElementLocated(signedBy)).sendKeys("李卫国");
    driver.findElement(By.cssSelector(".fjs-container input[id$='Field_signedByPhone']")).sendKeys("0878-4123456");
    completeAndWait(signFor);

    // 制定实施方案: a table of three rows
    Task plan = task("Task_ImplementationPlan");
    openForm(plan);
    // The shared header (one declaration in the form, its names listed once at deployment).
    assertThat(driver.findElement(By.cssSelector("fieldset.cd-header")).getText()).startsWith("重点工作信息")
        .contains("【一】产业扶贫成效提升工程", "牵头责任单位", "测试县农业农村局", "完成时限");
    screenshot("01-plan-header");
    driver.findElement(By.id("cd-planSummary")).sendKeys("分三步推进：摸底、实施、验收，确保按期完成。");
    click(By.cssSelector(".cd-add-row"));
    click(By.cssSelector(".cd-add-row"));
    List<WebElement> rows = driver.findElements(By.cssSelector("#cd-subItems tbody tr.cd-row"));
    assertThat(rows).hasSize(3);
    String[][] content = {{"甲镇", "完成农村厕所改造"}, {"乙乡", "修缮饮水工程"}, {"测试县扶贫办", "汇总台账并督促"}};
    for (int i = 0; i < 3; i++) {
      new Select(rows.get(i).findElement(By.cssSelector("select.cd-unit"))).selectByVisibleText(content[i][0]);
      rows.get(i).findElement(By.cssSelector("input.cd-cell-text")).sendKeys(content[i][1]);
    }
    // Row 1: typed by keyboard as officials write dates.
    String first = date(2);
    rows.get(0).findElement(By.cssSelector("input.cd-date")).sendKeys(first);
    // Row 2: picked in the form's own (Chinese) calendar: today's cell.
    inView(rows.get(1).findElement(By.cssSelector(".cd-date-pick"))).click();
    WebElement calendar = wait.until(visibilityOfElementLocated(By.cssSelector(".cd-calendar")));
    assertThat(calendar.getText()).contains(today.getYear() + "年" + today.getMonthValue() + "月").contains("一", "日");
    screenshot("02-date-picker");
    calendar.findElement(By.cssSelector("td.cd-cal-day[data-date='" + today + "']")).click();
    assertThat(rows.get(1).findElement(By.cssSelector("input.cd-date")).getDomProperty("value")).isEqualTo(today.toString());
    // Row 3: month first, as the old form showed dates: refused beside the row, in Chinese, nothing sent.
    rows.get(2).findElement(By.cssSelector("input.cd-date")).sendKeys("12/05/" + today.getYear());
    click(COMPLETE);
    WebElement fault = wait.until(visibilityOfElementLocated(By.cssSelector("#cd-subItems tr.cd-row-error td")));
    assertThat(fault.getText()).startsWith("第3行").contains("完成日期").contains("不是有效日期").contains("年-月-日");
    screenshot("03-row-refused");
    assertThat(taskService.createTaskQuery().taskId(plan.getId()).count()).isOne();
    WebElement third = rows.get(2).findElement(By.cssSelector("input.cd-date"));
    third.clear();
    third.sendKeys(date(3));
    screenshot("04-plan-filled");
    completeAndWait(plan);
    Object subItems = historicValue(keyTask, "subItems");
    assertThat(String.valueOf(subItems)).contains("bf-town1", first, "bf-town2", today.toString(), "bf-fpb", date(3));

    // 责任单位落实: 甲镇 with a photo, the others in words
    Path photo = SCREENSHOTS.resolve("现场照片.png");
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(480, 320, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(0x8fbc8f));
    g.fillRect(0, 0, 480, 320);
    g.setColor(new java.awt.Color(0x8b4513));
    g.fillRect(140, 110, 200, 150);
    g.dispose();
    javax.imageio.ImageIO.write(image, "png", photo.toFile());
    contribute("bf-town1", "已完成全镇农村厕所改造 120 户，验收合格。", photo);
    contribute("bf-town2", "饮水工程修缮完毕，群众已正常用水。", null);
    contribute("bf-fpb", "已汇总各乡镇台账，逐项督促落实。", null);

    // 月度进展报告: opened at assignment rather than on the 1st
    managementService.executeJob(MonthlyReports.openingAtAssignment(managementService, keyTask).getId());
    switchUser("bf-agri");
    Task report = task("Task_ProgressReport");
    openForm(report);
    driver.findElement(By.id("cd-progressThisMonth")).sendKeys("本月完成厕所改造和饮水工程修缮，台账已汇总。");
    driver.findElement(By.id("cd-nextMonthPlan")).sendKeys("组织验收。");
    driver.findElement(By.id("cd-percentComplete")).sendKeys("90");
    screenshot("06-monthly-report");
    completeAndWait(report);

    // 办结申请: the contributions (with the photo) in view, then the request
    Task request = task("Task_RequestCompletion");
    openForm(request);
    wait.until(visibilityOfElementLocated(By.cssSelector("[cd-type='dossier'][cd-loaded='true']")));
    assertThat(driver.findElement(By.cssSelector("[cd-type='dossier']")).getText())
        .contains("甲镇", "已汇总各乡镇台账", "现场照片.png", "月度进展报告", "各责任单位均已完成落实");
    click(By.id("cd-requestKind-completion"));
    driver.findElement(By.id("cd-completionSummary")).sendKeys("各项任务全部完成，厕所改造和饮水工程均已验收。");
    driver.findElement(By.id("cd-completedOn")).sendKeys(today.toString());
    inView(driver.findElement(By.cssSelector("#cd-evidence ~ .cd-file-input, input.cd-file-input"))).sendKeys(photo.toAbsolutePath().toString());
    wait.until(d -> d.findElement(By.cssSelector(".cd-file-list")).getText().contains("现场照片.png")
        && !d.findElement(By.cssSelector(".cd-file-list")).getText().contains("读取中"));
    screenshot("07-completion-request");
    completeAndWait(request);

    // 验收 (and 销号): the coordinator opens the unit's photo, then passes
    switchUser("admin", "test-admin");
    Task acceptance = task("Task_Acceptance");
    openForm(acceptance);
    wait.until(visibilityOfElementLocated(By.cssSelector("[cd-type='dossier'][cd-loaded='true']")));
    String dossier = driver.findElement(By.cssSelector("[cd-type='dossier']")).getText();
    // Done before any first reminder came due: no deadline watch started, the completion deadline is listed all the same.
    assertThat(dossier).contains("全镇农村厕所改造", "饮水工程修缮完毕", "本月完成厕所改造", "现场照片.png",
        "各责任单位均已完成落实", "逾期记录", "办结时限", "未逾期", "延期记录");
    assertThat(dossier).doesNotContain("没有期限监督记录");
    assertThat(driver.findElement(By.cssSelector("form[cd-ready]")).getText()).contains("各项任务全部完成", "验收与销号合并办理");
    inView(driver.findElement(By.cssSelector("[cd-type='dossier']")));
    screenshot("08-acceptance-dossier");
    String main = driver.getWindowHandle();
    inView(driver.findElements(By.cssSelector("a.cd-file-link")).get(0)).click();
    wait.until(d -> d.getWindowHandles().size() == 2);
    driver.switchTo().window(driver.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow());
    WebElement opened = wait.until(visibilityOfElementLocated(By.tagName("img")));
    wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth", opened)).intValue() == 480);
    screenshot("09-photo-opened");
    driver.close();
    driver.switchTo().window(main);
    click(By.id("cd-acceptanceDecision-accept"));
    screenshot("10-acceptance-decided");
    completeAndWait(acceptance);

    wait.until(d -> historyService.createHistoricProcessInstanceQuery().processInstanceId(keyTask).finished().count() == 1);
    assertThat(historicValue(keyTask, "closedOutAt")).isNotNull();
    assertThat(historicValue(keyTask, "acceptanceDecision")).isEqualTo("accept");
    List<HistoricVariableInstance> files = new ArrayList<>(historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(keyTask).variableName("evidence1").list());
    assertThat(files).hasSize(2).allSatisfy(f -> {
      assertThat(f.getTaskId()).isNotNull();
      assertThat(((FileValue) f.getTypedValue()).getFilename()).isEqualTo("现场照片.png");
    });
  }

  void contribute(String unit, String text, Path file) {
    switchUser(unit);
    Task contribution = taskService.createTaskQuery().processInstanceBusinessKey(KeyTaskStarter.businessKey(PLAN, 1))
        .taskDefinitionKey("Task_Contribution").taskCandidateGroup(unit).singleResult();
    openForm(contribution);
    driver.findElement(By.id("cd-contributionReport")).sendKeys(text);
    driver.findElement(By.id("cd-contributionDate")).sendKeys(today.toString());
    if (file != null) {
      driver.findElement(By.cssSelector("input.cd-file-input")).sendKeys(file.toAbsolutePath().toString());
      wait.until(d -> d.findElement(By.cssSelector(".cd-file-list")).getText().contains(file.getFileName().toString())
          && !d.findElement(By.cssSelector(".cd-file-list")).getText().contains("读取中"));
      screenshot("05-contribution-with-photo");
    }
    completeAndWait(contribution);
  }

  String date(int daysFromToday) {
    LocalDate d = today.plusDays(daysFromToday);
    return (d.isAfter(deadline) ? deadline : d).toString();
  }

  Task task(String definitionKey) {
    return task(1, definitionKey);
  }

  Task task(int keyTaskNo, String definitionKey) {
    return wait.until(d -> taskService.createTaskQuery().processInstanceBusinessKey(KeyTaskStarter.businessKey(PLAN, keyTaskNo))
        .taskDefinitionKey(definitionKey).singleResult());
  }

  Object historicValue(String processInstanceId, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name)
        .list().stream().filter(v -> v.getTaskId() == null).map(HistoricVariableInstance::getValue).findFirst().orElse(null);
  }

  void logIn(String user, String password) {
    tasklist.logIn(user, password);
  }

  void switchUser(String user) {
    switchUser(user, PASSWORD);
  }

  void switchUser(String user, String password) {
    tasklist.switchUser(user, password);
  }

  void open(Task task) {
    tasklist.open(task.getId());
  }

  void openForm(Task task) {
    tasklist.openForm(task.getId());
  }

  void completeAndWait(Task task) {
    tasklist.completeAndWait(() -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);
  }

  void click(By by) {
    tasklist.click(by);
  }

  WebElement inView(WebElement element) {
    return tasklist.inView(element);
  }

  void screenshot(String step) {
    tasklist.screenshot(step);
  }

}
