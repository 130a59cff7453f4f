package org.campaigndesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.ledger.LedgerExcel;
import org.campaigndesk.plan.PlanImportService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The ledger page in headless Chromium: a unit's contact logs in to Tasklist, finds the ledger
 * linked from the welcome page, opens it with the same session, sees its own key tasks, filters
 * the red ones, downloads the Excel file (read back with Apache POI) and opens a row's history.
 * Skipped without {@code /usr/bin/chromedriver}, like {@link TasklistBrowserTest}.
 */
@Tag("browser")
class LedgerBrowserTest extends AbstractAppTest {

  static final String PLAN = "ledger-browser";
  static final String AGRI = "lb-agri";
  static final String AGRI_PASSWORD = "agri-ledger-pw";
  static final By ROWS = By.cssSelector("#ledger-table tbody tr.ledger-row");

  @LocalServerPort
  int port;
  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;

  ChromeDriverService driverService;
  WebDriver driver;
  WebDriverWait wait;
  Path profileDir;
  Path downloads;
  String testName;

  @RegisterExtension
  final TestExecutionExceptionHandler keepPageOnFailure = (context, failure) -> {
    if (driver != null) {
      try {
        screenshot("failure");
        Files.writeString(TasklistBrowserTest.SCREENSHOTS.resolve(testName + "-failure.html"), driver.getPageSource(),
            StandardCharsets.UTF_8);
      } catch (RuntimeException | IOException e) {
        failure.addSuppressed(e);
      }
    }
    throw failure;
  };

  @BeforeEach
  void importPlanAndStartBrowser(TestInfo info) throws IOException {
    assumeTrue(Files.isExecutable(TasklistBrowserTest.CHROMEDRIVER),
        "browser tests need " + TasklistBrowserTest.CHROMEDRIVER + " (Debian: chromium-driver)");
    if (identityService.createGroupQuery().groupId(AGRI).count() == 0) {
      TimeTravel.clock("2026-03-10T10:00:00+08:00");
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "lb-"), "test", null);
      User user = identityService.createUserQuery().userId(AGRI).singleResult();
      user.setPassword(AGRI_PASSWORD);
      identityService.saveUser(user);
    }
    testName = info.getTestMethod().orElseThrow().getName();
    Files.createDirectories(TasklistBrowserTest.SCREENSHOTS);
    profileDir = Files.createTempDirectory("campaign-desk-chromium-");
    downloads = Files.createTempDirectory("campaign-desk-downloads-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(TasklistBrowserTest.CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--lang=zh-CN", "--user-data-dir=" + profileDir.toAbsolutePath());
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh",
        "download.default_directory", downloads.toAbsolutePath().toString(), "download.prompt_for_download", false));
    driverService = new ChromeDriverService.Builder().usingDriverExecutable(TasklistBrowserTest.CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(driverService, options);
    wait = new WebDriverWait(driver, TasklistBrowserTest.WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void quitBrowser() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (driverService != null) {
        driverService.stop();
      }
      if (profileDir != null) {
        FileSystemUtils.deleteRecursively(profileDir.toFile());
      }
      if (downloads != null) {
        FileSystemUtils.deleteRecursively(downloads.toFile());
      }
    }
  }

  @Test
  void unitOpensItsLedger_filtersRed_downloadsTheExcelFile_opensTheHistory() throws IOException {
    // 5 November: key task 一 (due 30 October) is overdue, 三 (year-round) on track.
    TimeTravel.clock("2026-11-05T10:00:00+08:00");
    logIn(AGRI, AGRI_PASSWORD);

    driver.get(base() + "/camunda/app/welcome/default/");
    WebElement link = wait.until(visibilityOfElementLocated(By.cssSelector("a[href='/ledger']")));
    assertThat(link.getText()).contains("重点工作台账");
    screenshot("01-welcome-link");
    link.click();

    // The Tasklist session is enough: no second login.
    wait.until(d -> d.findElements(ROWS).size() == 2);
    screenshot("02-ledger");
    assertThat(driver.findElement(By.id("viewer")).getText()).contains(AGRI);
    assertThat(rowTexts()).anyMatch(t -> t.contains("产业扶贫成效提升工程")).anyMatch(t -> t.contains("党建扶贫双推进提升工程"))
        .noneMatch(t -> t.contains("饮水安全保障工程"));

    new Select(driver.findElement(By.id("filter-colour"))).selectByValue("red");
    wait.until(d -> d.findElements(ROWS).size() == 1);
    WebElement red = driver.findElement(ROWS);
    assertThat(red.getDomAttribute("data-colour")).isEqualTo("RED");
    assertThat(red.getText()).contains("产业扶贫成效提升工程").contains("逾期");
    screenshot("03-red-only");

    WebElement export = driver.findElement(By.id("export-link"));
    assertThat(export.getDomAttribute("href")).contains("colour=red");
    export.click();
    Path file = wait.withTimeout(Duration.ofSeconds(30)).until(d -> downloaded());
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      Sheet sheet = workbook.getSheet(LedgerExcel.SHEET_LEDGER);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("重点工作台账").contains("2026年11月5日");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("产业扶贫成效提升工程");
      assertThat(sheet.getRow(2).getCell(sheet.getRow(2).getLastCellNum() - 1).getStringCellValue()).isEqualTo("红·逾期");
    }

    wait.until(elementToBeClickable(ROWS)).click();
    wait.until(visibilityOfElementLocated(By.id("detail")));
    wait.until(d -> d.findElement(By.id("detail-steps")).getText().contains("签收"));
    screenshot("04-history");
    assertThat(driver.findElement(By.id("detail-body")).getText()).contains("【一】产业扶贫成效提升工程")
        .contains("牵头责任单位：测试县农业农村局");
  }

  Path downloaded() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".xlsx")).findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> rowTexts() {
    return driver.findElements(ROWS).stream().map(WebElement::getText).toList();
  }

  void logIn(String user, String password) {
    driver.get(base() + "/camunda/app/tasklist/default/");
    WebElement username = wait.until(visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
    username.sendKeys(user);
    driver.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys(password);
    driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    wait.until(invisibilityOfElementLocated(TasklistBrowserTest.LOGIN_FORM));
  }

  String base() {
    return "http://localhost:" + port;
  }

  void screenshot(String step) {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(TasklistBrowserTest.SCREENSHOTS.resolve("LedgerBrowserTest-" + step + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
