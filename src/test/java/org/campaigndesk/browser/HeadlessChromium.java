package org.campaigndesk.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, asking for Chinese as our users' browsers do, with a profile of its
 * own that is deleted on close. The browser tests share it.
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profileDir;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profileDir) {
    this.service = service;
    this.driver = driver;
    this.profileDir = profileDir;
  }

  /** @param downloads where downloads land without asking, or null for a browser that downloads nothing */
  public static HeadlessChromium start(Path downloads) throws IOException {
    Path profileDir = Files.createTempDirectory("campaign-desk-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--lang=zh-CN", "--user-data-dir=" + profileDir.toAbsolutePath());
    // Headless Chromium ignores --lang for navigator.languages and Accept-Language (it stays en-US):
    // the preference makes the browser ask for Chinese.
    Map<String, Object> prefs = new HashMap<>(Map.of("intl.accept_languages", "zh-CN,zh"));
    if (downloads != null) {
      prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
      prefs.put("download.prompt_for_download", false);
    }
    options.setExperimentalOption("prefs", prefs);
    // The county's time zone, as its officials' browsers have it: the form kit checks dates against the
    // browser's today, the server against the plan's, and on a machine in UTC the two differ from
    // 00:00 to 08:00 China time.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .withEnvironment(Map.of("TZ", org.campaigndesk.kernel.Zones.DEFAULT.getId())).usingAnyFreePort().build();
    return new HeadlessChromium(service, new ChromeDriver(service, options), profileDir);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public WebDriverWait waitUpTo(Duration timeout) {
    return new WebDriverWait(driver, timeout);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      FileSystemUtils.deleteRecursively(profileDir.toFile());
    }
  }
}
