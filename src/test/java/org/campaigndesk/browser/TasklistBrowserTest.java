package org.campaigndesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskStarter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist and Cockpit in a real (headless) Chromium: a unit's contact signs for its key task through
 * the Camunda Form, and a coordinator finds the key task's process instance in Cockpit.
 *
 * <p>Skipped when {@code /usr/bin/chromedriver} is missing (CI installs Debian's chromium and
 * chromium-driver, see {@code .ci/run}). Selectors are ids, ng-model/ng-click attributes and CSS
 * classes of Camunda's web apps, never button labels, so the tests pass with the English or the
 * Chinese translation. Every step leaves a screenshot in {@code target/browser-screenshots/}; a
 * failing test also leaves the page's HTML there.
 */
@Tag("browser")
class TasklistBrowserTest extends AbstractAppTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  static final String PLAN = "browser-plan";
  /** Own unit ids ("bz-…"): no other test's failed logins can have locked these users. */
  static final String AGRI = "bz-agri";
  static final String AGRI_PASSWORD = "agri-browser-pw";
  static final String ADMIN_PASSWORD = "test-admin";

  static final String SIGN_FOR_1 = "【一】产业扶贫成效提升工程 · 签收";
  static final String SIGN_FOR_3 = "【三】党建扶贫双推进提升工程 · 签收";
  static final String IMPLEMENTATION_PLAN_1 = "【一】产业扶贫成效提升工程 · 制定实施方案";
  /** Key tasks led by other units (bz-water and bz-fpb lead 二, bz-fpb leads 四). */
  static final List<String> OTHER_UNITS_TITLES = List.of("饮水安全保障工程", "金融扶贫风险防范工程");

  static final By TASK_LINKS = By.cssSelector("ol.tasks-list li.task h4.task a");
  static final By COMPLETE = TasklistSession.COMPLETE;
  static final By SIGNED_BY = By.cssSelector(".fjs-container input[id$='Field_signedBy']");
  static final By SIGNED_BY_PHONE = By.cssSelector(".fjs-container input[id$='Field_signedByPhone']");

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

  TasklistSession tasklist;
  WebDriver driver;
  WebDriverWait wait;

  @RegisterExtension
  final TestExecutionExceptionHandler keepPageOnFailure = TasklistSession.keepPageOnFailure(() -> tasklist);

  @BeforeEach
  void importPlanAndStartBrowser(TestInfo info) throws IOException {
    tasklist = TasklistSession.start(port, WAIT, null, info.getTestMethod().orElseThrow().getName() + "-");
    driver = tasklist.driver;
    wait = tasklist.wait;
    if (identityService.createGroupQuery().groupId(AGRI).count() == 0) {
      // Key task 五 leaves its owner to be named later: a coordinator assigns it (分解交办).
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "bz-").replace("progressReportDates:",
          "  - {no: 5, title: 易地扶贫搬迁后续扶持, description: 明确责任单位、责任领导。}\nprogressReportDates:"), "test", null);
      User user = identityService.createUserQuery().userId(AGRI).singleResult();
      user.setPassword(AGRI_PASSWORD);
      identityService.saveUser(user);
    }
  }

  @AfterEach
  void quitBrowser() {
    if (tasklist != null) {
      tasklist.close();
    }
  }

  @Test
  void unitContactSignsForItsKeyTaskInTasklist() {
    Task signFor = task(1, "Task_SignFor");
    String signedBy = "李卫国";
    String phone = "0878-4123456";

    logIn("tasklist", AGRI, AGRI_PASSWORD);
    // The first filter (本单位待办) lists the unit's own tasks.
    waitForTaskInList(SIGN_FOR_1);
    waitForTaskInList(SIGN_FOR_3);
    screenshot("01-task-list");
    List<String> listed = taskNamesInList();
    assertThat(listed).contains(SIGN_FOR_1, SIGN_FOR_3);
    assertThat(listed).noneMatch(name -> OTHER_UNITS_TITLES.stream().anyMatch(name::contains));

    taskLink(SIGN_FOR_1).click();
    wait.until(d -> d.getCurrentUrl().contains("task=" + signFor.getId()));
    wait.until(visibilityOfElementLocated(SIGNED_BY));
    // Offered to the unit, not yet to a person: claim it first (Tasklist keeps the form as it is).
    tasklist.claimIfOffered();
    // The form shows the key task's context from its record.
    wait.until(d -> d.findElement(By.cssSelector(".fjs-container")).getText().contains("重点工作：【一】产业扶贫成效提升工程"));
    screenshot("02-sign-for-opened");

    WebElement signedByField = wait.until(elementToBeClickable(SIGNED_BY));
    signedByField.clear();
    signedByField.sendKeys(signedBy);
    WebElement phoneField = driver.findElement(SIGNED_BY_PHONE);
    phoneField.clear();
    phoneField.sendKeys(phone);
    wait.until(d -> signedBy.equals(d.findElement(SIGNED_BY).getDomProperty("value")));
    assertThat(driver.findElement(SIGNED_BY_PHONE).getDomProperty("value")).isEqualTo(phone);
    screenshot("03-sign-for-filled");

    wait.until(elementToBeClickable(COMPLETE)).click();
    // Tasklist drops the completed task and lists the next one: the implementation plan.
    waitForTaskInList(IMPLEMENTATION_PLAN_1);
    wait.until(d -> !taskNamesInList().contains(SIGN_FOR_1));
    screenshot("04-next-task-listed");
    assertThat(taskNamesInList()).contains(IMPLEMENTATION_PLAN_1, SIGN_FOR_3).doesNotContain(SIGN_FOR_1);

    assertThat(taskService.createTaskQuery().taskId(signFor.getId()).count()).isZero();
    HistoricTaskInstance done = historyService.createHistoricTaskInstanceQuery().taskId(signFor.getId()).singleResult();
    assertThat(done.getEndTime()).isNotNull();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    assertThat(done.getAssignee()).isEqualTo(AGRI);
    assertThat(variable(signFor.getProcessInstanceId(), "signedBy")).isEqualTo(signedBy);
    assertThat(variable(signFor.getProcessInstanceId(), "signedByPhone")).isEqualTo(phone);
    assertThat(task(1, "Task_ImplementationPlan")).isNotNull();
  }

  @Test
  void coordinatorFindsTheKeyTasksProcessInstanceInCockpit() {
    // Key task 二 is not touched by the other test: it waits in 签收.
    Task signFor = task(2, "Task_SignFor");
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(signFor.getProcessInstanceId())
        .singleResult();
    String businessKey = KeyTaskStarter.businessKey(PLAN, 2);
    assertThat(instance.getBusinessKey()).isEqualTo(businessKey);

    logIn("cockpit", "admin", ADMIN_PASSWORD);
    // The dashboard's "deployed" section counts the process definitions once it has loaded.
    By deployedProcesses = By.cssSelector("section.deployed:not(.loading) .stats-section.processes .value");
    wait.until(d -> d.findElement(deployedProcesses).getText().trim().matches("[1-9]\\d*"));
    screenshot("01-dashboard");

    // The key-task definition's running instances, searched by business key (as a coordinator would).
    String search = "[{\"type\":\"businessKey\",\"operator\":\"eq\",\"value\":\"" + businessKey + "\",\"name\":\"\"}]";
    driver.get(cockpit("#/process-definition/" + instance.getProcessDefinitionId() + "/runtime?searchQuery="
        + URLEncoder.encode(search, StandardCharsets.UTF_8)));
    wait.until(visibilityOfElementLocated(diagramElement("Task_SignFor")));
    By instanceLinks = By.cssSelector("td.instance-id a[href*='#/process-instance/']");
    wait.until(d -> d.findElements(instanceLinks).stream().map(a -> a.getText().trim()).toList().equals(List.of(instance.getId())));
    assertThat(driver.findElements(By.cssSelector("td.business-key")))
        .singleElement().extracting(td -> td.getText().trim()).isEqualTo(businessKey);
    screenshot("02-key-task-instances");

    wait.until(elementToBeClickable(instanceLinks)).click();
    wait.until(d -> d.getCurrentUrl().contains("#/process-instance/" + instance.getId()));
    wait.until(visibilityOfElementLocated(diagramElement("Task_SignFor")));
    // One token waits in 签收: the activity's instance-count badge on the diagram.
    By waiting = By.cssSelector(".djs-overlays[data-container-id='Task_SignFor'] .badge.instance-count");
    wait.until(d -> "1".equals(d.findElement(waiting).getText().trim()));
    // The information panel: instance id and business key.
    wait.until(d -> d.findElement(By.tagName("body")).getText().contains(businessKey));
    screenshot("03-key-task-instance");
    String page = wait.until(d -> d.findElement(By.tagName("body")).getText());
    assertThat(page).contains(instance.getId(), businessKey);
    assertThat(driver.findElements(By.cssSelector(".djs-overlays[data-container-id='Task_ImplementationPlan'] .badge.instance-count")))
        .isEmpty();
  }

  @Test
  void coordinatorAssignsAKeyTaskThePlanLeftOpen() {
    Task assign = task(5, "Task_AssignOwner");
    logIn("tasklist", "admin", ADMIN_PASSWORD);
    tasklist.open(assign.getId());
    By leadUnitSearch = By.cssSelector(".fjs-container [class*='fjs-form-field-select'] input");
    wait.until(visibilityOfElementLocated(leadUnitSearch));
    screenshot("01-assign-owner-opened");

    // Lead unit: typed and picked from the plan's units.
    WebElement leadUnit = inView(wait.until(visibilityOfElementLocated(leadUnitSearch)));
    leadUnit.click();
    leadUnit.sendKeys("水务");
    pick("测试县水务局");
    // Responsible units and lead leaders: tags from the plan's lists.
    List<WebElement> tagInputs = driver.findElements(By.cssSelector(".fjs-container [class*='fjs-form-field-taglist'] input"));
    assertThat(tagInputs).hasSize(2);
    inView(tagInputs.get(0)).click();
    tagInputs.get(0).sendKeys("甲镇");
    pick("甲镇");
    // A tag list stays open for more picks; Escape closes it, as a user would.
    tagInputs.get(0).sendKeys(org.openqa.selenium.Keys.ESCAPE);
    inView(tagInputs.get(1)).click();
    tagInputs.get(1).sendKeys("张三");
    pick("张三");
    tagInputs.get(1).sendKeys(org.openqa.selenium.Keys.ESCAPE);
    // The deadline typed as an official writes it.
    WebElement deadline = inView(driver.findElement(By.cssSelector(".fjs-container input[id$='Field_assignDeadline']")));
    deadline.click();
    deadline.sendKeys("2026-12-30");
    screenshot("02-assign-owner-filled");

    wait.until(elementToBeClickable(COMPLETE)).click();
    wait.until(d -> taskService.createTaskQuery().taskId(assign.getId()).count() == 0);
    String keyTask = assign.getProcessInstanceId();
    org.campaigndesk.task.KeyTaskRecord record = org.campaigndesk.task.KeyTaskRecord.read(runtimeService.getVariable(keyTask, "keyTask"));
    assertThat(record.leadUnitId()).isEqualTo("bz-water");
    assertThat(record.fact("responsibleUnitIds")).isEqualTo(List.of("bz-town1"));
    assertThat(record.leadLeaderIds()).containsExactly("bz-zhang");
    assertThat(runtimeService.getVariable(keyTask, "deadlineText")).isEqualTo("2026年12月30日前");
    screenshot("03-assigned");
  }

  @Test
  void aCountysCoordinator_seesOnlyTheirCountyInTasklistAndCockpit() {
    for (String county : List.of("bqa", "bqb")) {
      if (identityService.createTenantQuery().tenantId(county).count() == 0) {
        importService.importPlan(TestPlans.plan(county + "-2026").replace("t-", county + "-")
            .replace("title: 产业扶贫成效提升工程", "title: 产业扶贫" + county)
            .replace("year: 2026", "year: 2026\n  region: {id: " + county + ", name: 县" + county + "}"), "test", null);
        User coordinator = identityService.newUser(county + "-coord");
        coordinator.setFirstName(county + "协调人");
        coordinator.setLastName("");
        coordinator.setPassword("coord-browser-pw");
        identityService.saveUser(coordinator);
        identityService.createMembership(county + "-coord", "coordinators");
        identityService.createTenantUserMembership(county, county + "-coord");
      }
    }
    logIn("tasklist", "bqa-coord", "coord-browser-pw");
    // 全部待办, the coordinators' filter of every unit's tasks: this county's only.
    WebElement allOpen = wait.until(elementToBeClickable(By.xpath(
        "//div[contains(@class,'task-filter')]/h4[contains(@class,'name')]/a[starts-with(normalize-space(),'全部待办')]")));
    allOpen.click();
    waitForTaskInList("【一】产业扶贫bqa · 签收");
    screenshot("01-all-open-of-county-a");
    assertThat(taskNamesInList()).noneMatch(name -> name.contains("产业扶贫bqb")).noneMatch(name -> name.contains("产业扶贫成效"));

    // Cockpit: the key-task instances it lists are this county's.
    Task signFor = taskService.createTaskQuery().processInstanceBusinessKey("bqa-2026/01").taskDefinitionKey("Task_SignFor").singleResult();
    String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(signFor.getProcessInstanceId())
        .singleResult().getProcessDefinitionId();
    driver.get(cockpit("#/process-definition/" + definitionId + "/runtime"));
    By businessKeys = By.cssSelector("td.business-key");
    wait.until(d -> !d.findElements(businessKeys).isEmpty());
    screenshot("02-cockpit-key-tasks-of-county-a");
    List<String> keys = driver.findElements(businessKeys).stream().map(td -> td.getText().trim()).toList();
    assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).startsWith("bqa-2026/"));
  }

  /** Scrolls a form field to the middle of the view, where nothing overlays it. */
  WebElement inView(WebElement element) {
    return tasklist.inView(element);
  }

  /** Picks an option from form-js's open dropdown (select or taglist) by its label. */
  void pick(String label) {
    By option = By.xpath("//div[contains(@class,'fjs-dropdownlist-item') and normalize-space()='" + label + "']");
    WebElement item = wait.until(visibilityOfElementLocated(option));
    // form-js selects on mousedown, before a click's blur would close the list.
    new org.openqa.selenium.interactions.Actions(driver).moveToElement(item).clickAndHold().release().perform();
  }

  // ---- helpers -------------------------------------------------------------------------------

  String cockpit(String fragment) {
    return tasklist.app("cockpit", fragment);
  }

  void logIn(String app, String user, String password) {
    tasklist.logIn(app, user, password);
  }

  List<String> taskNamesInList() {
    return wait.until(d -> d.findElements(TASK_LINKS).stream().map(a -> a.getText().trim()).toList());
  }

  By taskLinkLocator(String name) {
    return By.xpath("//ol[contains(@class,'tasks-list')]//h4[contains(@class,'task')]/a[normalize-space()='" + name + "']");
  }

  WebElement taskLink(String name) {
    return wait.until(elementToBeClickable(taskLinkLocator(name)));
  }

  void waitForTaskInList(String name) {
    wait.until(visibilityOfElementLocated(taskLinkLocator(name)));
  }

  static By diagramElement(String activityId) {
    return By.cssSelector(".djs-element[data-element-id='" + activityId + "']");
  }

  Task task(int keyTaskNo, String taskDefinitionKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(KeyTaskStarter.businessKey(PLAN, keyTaskNo))
        .taskDefinitionKey(taskDefinitionKey).singleResult();
  }

  Object variable(String processInstanceId, String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(processInstanceId).variableName(name).singleResult();
    assertThat(variable).as("variable %s", name).isNotNull();
    return variable.getValue();
  }

  void screenshot(String step) {
    tasklist.screenshot(step);
  }
}
