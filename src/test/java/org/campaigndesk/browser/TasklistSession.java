package org.campaigndesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's way through Tasklist in a browser test: log in, open a task (claiming it when it is
 * offered to his unit), wait for the form kit's form, complete, screenshots. The embedded forms'
 * browser tests share it.
 */
final class TasklistSession {

  static final By CLAIM = By.cssSelector("button.claim[ng-click='claim()']");
  static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
  static final By READY = By.cssSelector("form[cd-ready='true']");

  final WebDriver driver;
  final WebDriverWait wait;
  private final int port;
  private final Path screenshots;
  private final String prefix;

  TasklistSession(HeadlessChromium browser, Duration timeout, int port, Path screenshots, String prefix) {
    this.driver = browser.driver();
    this.wait = browser.waitUpTo(timeout);
    this.wait.ignoring(StaleElementReferenceException.class);
    this.port = port;
    this.screenshots = screenshots;
    this.prefix = prefix;
  }

  void logIn(String user, String password) {
    driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    By username = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    try {
      wait.until(visibilityOfElementLocated(username));
    } catch (org.openqa.selenium.TimeoutException e) {
      // Seen under load: the first page stalls at its spinner; once more, as a user would reload.
      driver.navigate().refresh();
      wait.until(visibilityOfElementLocated(username));
    }
    driver.findElement(username).sendKeys(user);
    driver.findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys(password);
    driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    wait.until(invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
  }

  void switchUser(String user, String password) {
    driver.manage().deleteAllCookies();
    logIn(user, password);
  }

  void open(String taskId) {
    driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    wait.until(d -> d.getCurrentUrl().contains(taskId));
    wait.until(visibilityOfElementLocated(COMPLETE));
    // Offered to the unit: claimed first. Tasklist re-renders the task card as data arrives; a click lost to that is repeated.
    for (int attempt = 0; attempt < 4 && !driver.findElements(CLAIM).isEmpty(); attempt++) {
      try {
        inView(wait.until(elementToBeClickable(CLAIM))).click();
        new WebDriverWait(driver, Duration.ofSeconds(6)).until(invisibilityOfElementLocated(CLAIM));
      } catch (org.openqa.selenium.TimeoutException | StaleElementReferenceException e) {
        // tried again
      }
    }
    assertThat(driver.findElements(CLAIM).stream().filter(WebElement::isDisplayed).toList()).as("claimed").isEmpty();
  }

  void openForm(String taskId) {
    open(taskId);
    wait.until(visibilityOfElementLocated(READY));
  }

  /** Completes the open task and waits until the engine no longer has it. */
  void completeAndWait(BooleanSupplier taskGone) {
    click(COMPLETE);
    wait.until(d -> taskGone.getAsBoolean());
  }

  void click(By by) {
    inView(wait.until(elementToBeClickable(by))).click();
  }

  WebElement inView(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    return element;
  }

  /** On a test's failure: a screenshot and the page's HTML beside the screenshots, from the session the test has then. */
  static TestExecutionExceptionHandler keepPageOnFailure(Supplier<TasklistSession> current) {
    return (context, failure) -> {
      TasklistSession session = current.get();
      if (session != null) {
        try {
          session.screenshot("failure");
          Files.writeString(session.screenshots.resolve(session.prefix + "failure.html"), session.driver.getPageSource(),
              StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
          failure.addSuppressed(e);
        }
      }
      throw failure;
    };
  }

  void screenshot(String step) {
    try {
      Files.createDirectories(screenshots);
      Files.write(screenshots.resolve(prefix + step + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
