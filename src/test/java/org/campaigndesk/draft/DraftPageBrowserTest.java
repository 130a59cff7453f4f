package org.campaigndesk.draft;

import org.campaigndesk.browser.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.identity.IdentitySync;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 导入计划 page in headless Chromium: a coordinator uploads a plan document, sees the draft beside
 * the review list, jumps from a review item to its field, and checks an edited draft. (Dry run and
 * import are the import API's, tested there; they would store a plan in the shared test context. A
 * wrong or missing password makes the browser show its own login dialog for HTTP basic, which
 * headless Chromium leaves open, so that path is not driven here.)
 * Skipped when /usr/bin/chromedriver is missing; screenshots in target/browser-screenshots/.
 */
@Tag("browser")
class DraftPageBrowserTest extends AbstractAppTest {

  static final Path CHROMEDRIVER = HeadlessChromium.CHROMEDRIVER;
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  /** A coordinator of its own: other tests' failed logins as admin delay admin's next login (Camunda's login lock). */
  static final String COORDINATOR = "dz-coordinator";
  static final String PASSWORD = "draft-page-pw";

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identityService;

  HeadlessChromium browser;
  ChromeDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws IOException {
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "browser tests need " + CHROMEDRIVER + " (Debian: chromium-driver)");
    if (identityService.createUserQuery().userId(COORDINATOR).count() == 0) {
      User user = identityService.newUser(COORDINATOR);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(COORDINATOR, IdentitySync.COORDINATORS);
    }
    Files.createDirectories(SCREENSHOTS);
    browser = HeadlessChromium.start(null);
    driver = browser.driver();
    wait = browser.waitUpTo(Duration.ofSeconds(20));
  }

  @AfterEach
  void quitBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve("draft-page-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  String yaml() {
    return driver.findElement(By.id("yaml")).getDomProperty("value");
  }

  @Test
  void coordinatorDraftsReviewsAndChecksAPlan() throws IOException {
    driver.get("http://localhost:" + port + "/import.html");
    driver.findElement(By.id("user")).sendKeys(COORDINATOR);
    driver.findElement(By.id("password")).sendKeys(PASSWORD);
    Path document = Path.of("src/test/resources/draft/seeds/benxi-2019-consolidation.txt").toAbsolutePath();
    driver.findElement(By.id("document")).sendKeys(document.toString());
    driver.findElement(By.id("draftButton")).click();
    wait.until(d -> yaml().contains("documentNo: 本县委办发〔2019〕42号"));
    assertThat(driver.findElement(By.id("status")).getText()).contains("草稿已生成");
    screenshot("01-draft");

    WebElement leadUnitItem = wait.until(d -> d.findElements(By.cssSelector("#review li")).stream()
        .filter(li -> li.getText().startsWith("tasks[7].leadUnits")).findFirst().orElse(null));
    assertThat(leadUnitItem.getText()).contains("县住房和城乡建设局", "原文第");
    leadUnitItem.click();
    String selected = (String) ((JavascriptExecutor) driver).executeScript(
        "const t = document.getElementById('yaml'); return t.value.substring(t.selectionStart, t.selectionEnd);");
    assertThat(selected).startsWith("    leadUnits: [bx-");
    screenshot("02-jumped-to-field");

    driver.findElement(By.id("checkButton")).click();
    wait.until(d -> d.findElement(By.id("status")).getText().contains("检查通过"));

    ((JavascriptExecutor) driver).executeScript(
        "const t = document.getElementById('yaml'); t.value = t.value.replace('leadUnits: [bx-nyncj]', 'leadUnits: [bx-nobody]');");
    driver.findElement(By.id("checkButton")).click();
    wait.until(d -> d.findElement(By.id("errors")).getText().contains("tasks[3].leadUnits[0]"));
    assertThat(driver.findElement(By.id("errors")).getText()).contains("未定义的单位“bx-nobody”");
    screenshot("03-check-found-a-problem");
  }
}
