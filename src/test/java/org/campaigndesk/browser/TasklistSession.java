package org.campaigndesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
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
 * One user's way through the web apps in a browser test, shared by every browser test that logs in:
 * Debian's headless Chromium started for the test (the test is skipped, with the reason, where
 * {@code /usr/bin/chromedriver} is missing) and closed after it; log in to Tasklist, Cockpit or
 * Admin; open a task (claiming it when it is offered to his unit), wait for the form kit's form,
 * complete; screenshots in {@value #SCREENSHOTS_DIR}, the page kept on failure.
 */
final class TasklistSession implements AutoCloseable {

  static final String SCREENSHOTS_DIR = "target/browser-screenshots";
  static final Path SCREENSHOTS = Path.of(SCREENSHOTS_DIR);
  static final By LOGIN_FORM = By.cssSelector("form[name='signinForm']");
  static final By CLAIM = By.cssSelector("button.claim[ng-click='claim()']");
  static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
  static final By READY = By.cssSelector("form[cd-ready='true']");

  final WebDriver driver;
  final WebDriverWait wait;
  private final HeadlessChromium browser;
  private final int port;
  private final Path screenshots;
  private final String prefix;

  private TasklistSession(HeadlessChromium browser, Duration timeout, int port, Path screenshots, String prefix) {
    this.browser = browser;
    this.driver = browser.driver();
    // Angular re-renders lists and diagram overlays as data arrives: look elements up again rather than fail.
    this.wait = browser.waitUpTo(timeout);
    this.wait.ignoring(StaleElementReferenceException.class);
    this.port = port;
    this.screenshots = screenshots;
    this.prefix = prefix;
  }

  /**
   * A browser for one test, its screenshots named {@code prefix + step}. Per test rather than once
   * per class, so that surefire reports each test as skipped (with the reason) without chromedriver.
   *
   * @param downloads where downloads land without asking, or null for a browser that downloads nothing
   */
  static TasklistSession start(int port, Duration timeout, Path downloads, String prefix) throws IOException {
    assumeTrue(Files.isExecutable(HeadlessChromium.CHROMEDRIVER),
        "browser tests need " + HeadlessChromium.CHROMEDRIVER + " (Debian: chromium chromium-driver fonts-noto-cjk)");
    Files.createDirectories(SCREENSHOTS);
    return new TasklistSession(HeadlessChromium.start(downloads), timeout, port, SCREENSHOTS, prefix);
  }

  @Override
  public void close() {
    browser.close();
  }

  String base() {
    return "http://localhost:" + port;
  }

  /** A page of one of the web apps ({@code tasklist}, {@code cockpit}, {@code admin}, {@code welcome}). */
  String app(String app, String fragment) {
    return base() + "/camunda/app/" + app + "/default/" + fragment;
  }

  void logIn(String user, String password) {
    logIn("tasklist", user, password);
  }

  void logIn(String app, String user, String password) {
    driver.get(app(app, ""));
    By username = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    try {
      wait.until(visibilityOfElementLocated(username));
    } catch (org.openqa.selenium.TimeoutException e) {
      // Seen under load: the first page stalls at its spinner; once more, as a user would reload.
      driver.navigate().refresh();
      wait.until(visibilityOfElementLocated(username));
    }
    WebElement name = wait.until(elementToBeClickable(username));
    WebElement secret = wait.until(elementToBeClickable(By.cssSelector("form[name='signinForm'] input[ng-model='password']")));
    // Seen under load: keys meant for the password landed in the user name (the page still wiring its
    // inputs); what the fields hold is checked, and typed again until it is what was meant.
    wait.until(d -> {
      if (user.equals(name.getAttribute("value")) && password.equals(secret.getAttribute("value"))) {
        return true;
      }
      name.clear();
      name.sendKeys(user);
      secret.clear();
      secret.sendKeys(password);
      return false;
    });
    driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
    wait.until(invisibilityOfElementLocated(LOGIN_FORM));
  }

  void switchUser(String user, String password) {
    driver.manage().deleteAllCookies();
    logIn(user, password);
  }

  void open(String taskId) {
    driver.get(app("tasklist", "#/?task=" + taskId));
    wait.until(d -> d.getCurrentUrl().contains(taskId));
    wait.until(visibilityOfElementLocated(COMPLETE));
    claimIfOffered();
  }

  /** The open task, offered to the unit, is claimed first. */
  void claimIfOffered() {
    // Tasklist re-renders the task card as data arrives; a click lost to that is repeated.
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
