package org.campaigndesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The four web apps as a county official sees them in a Chinese browser: no "migrate to Camunda 8"
 * banner, no English on their main pages (Camunda's own product name aside), Cockpit listing key
 * tasks by their label with the way to closed ones, and Tasklist sorted by urgency. Screenshots in
 * {@code target/browser-screenshots/webapps-*.png}.
 */
@Tag("browser")
class WebappsInChineseBrowserTest extends AbstractAppTest {

  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  static final String PLAN = "zh-plan";
  /** Words that may stay: the engine's name (footer credit), the time zone's abbreviation, file formats, a user id, the test data's ids. */
  static final Set<String> ALLOWED = Set.of("Camunda", "Platform", "UTC", "Word", "PDF", "Excel", "admin", "zh-plan");
  static final Pattern ENGLISH = Pattern.compile("[A-Za-z][A-Za-z-]{2,}");

  @LocalServerPort
  int port;
  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;

  HeadlessChromium browser;
  WebDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Files.isExecutable(HeadlessChromium.CHROMEDRIVER), "browser tests need " + HeadlessChromium.CHROMEDRIVER);
    if (identityService.createGroupQuery().groupId("zh-agri").count() == 0) {
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "zh-"), "test", null);
    }
    Files.createDirectories(SCREENSHOTS);
    browser = HeadlessChromium.start(null);
    driver = browser.driver();
    wait = browser.waitUpTo(Duration.ofSeconds(30));
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void tasklistCockpitAdminAndWelcome_areChinese_withoutTheCamunda8Banner() throws IOException {
    String base = "http://localhost:" + port + "/camunda/app/";
    driver.get(base + "tasklist/default/");
    wait.until(visibilityOfElementLocated(By.cssSelector("form[name='signinForm'] input[ng-model='username']"))).sendKeys("admin");
    driver.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys("test-admin");
    driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    wait.until(invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));

    // Tasklist: the list asks for urgency, overdue first, then the soonest due date.
    wait.until(visibilityOfElementLocated(By.cssSelector("[cam-widget-header]")));
    wait.until(d -> d.getCurrentUrl().contains("sorting="));
    assertThat(java.net.URLDecoder.decode(driver.getCurrentUrl(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"sortBy\":\"priority\",\"sortOrder\":\"desc\"").contains("\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"");
    checkPage("tasklist");

    // Cockpit: the dashboard lists key tasks by label and points to the closed ones in the ledger.
    driver.get(base + "cockpit/default/#/dashboard");
    WebElement section = wait.until(visibilityOfElementLocated(By.cssSelector(".campaign-desk-key-tasks")));
    wait.until(d -> section.getText().contains("【一】产业扶贫成效提升工程"));
    assertThat(section.findElement(By.cssSelector("a[href='/ledger?status=closed']")).getText()).contains("已销号");
    checkPage("cockpit");

    driver.get(base + "admin/default/");
    wait.until(visibilityOfElementLocated(By.cssSelector("[cam-widget-header]")));
    checkPage("admin");

    driver.get(base + "welcome/default/");
    wait.until(visibilityOfElementLocated(By.cssSelector("[cam-widget-header]")));
    wait.until(d -> d.findElement(By.tagName("body")).getText().contains("已销号的重点工作"));
    checkPage("welcome");
  }

  /** No banner shown, the header names the app in Chinese, and no English word is left on the page. */
  void checkPage(String app) throws IOException {
    // Let translations and late widgets settle.
    wait.until(d -> !((String) ((JavascriptExecutor) d).executeScript("return document.body.innerText")).contains("{{"));
    sleepForRender();
    Files.write(SCREENSHOTS.resolve("webapps-" + app + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    List<WebElement> banners = driver.findElements(By.cssSelector(".ce-eol-banner"));
    assertThat(banners).as(app + ": Camunda 8 banner").allSatisfy(b -> assertThat(b.isDisplayed()).isFalse());
    String text = (String) ((JavascriptExecutor) driver).executeScript("return document.body.innerText");
    assertThat(text).as(app).doesNotContain("Camunda 8").doesNotContain("migrate");
    Set<String> english = new TreeSet<>();
    // Data, not wording: business keys of key tasks ("authz-plan/01"), instance ids other tests left, and
    // the browser's time zone that the footer names (the county's, as its officials' browsers have it).
    Matcher m = ENGLISH.matcher(text.replace(org.campaigndesk.kernel.Zones.DEFAULT.getId(), "").replaceAll("\\S+@\\S+", "").replaceAll("\\S+/\\d{2}\\b", "").replaceAll("\\b[0-9a-f]{8}-[0-9a-f-]{27}\\b", ""));
    while (m.find()) {
      if (!ALLOWED.contains(m.group())) {
        english.add(m.group());
      }
    }
    assertThat(english).as(app + ": English words on the page").isEmpty();
    assertThat(driver.findElement(By.cssSelector("[cam-widget-header]")).getText()).as(app + " header").contains("重点工作督办");
  }

  /** Angular renders after the data arrives; the page is read once it has stopped changing. */
  void sleepForRender() {
    String[] last = {""};
    new WebDriverWait(driver, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(500)).until(d -> {
      String now = (String) ((JavascriptExecutor) d).executeScript("return document.body.innerText");
      boolean stable = now.equals(last[0]);
      last[0] = now;
      return stable;
    });
  }
}
