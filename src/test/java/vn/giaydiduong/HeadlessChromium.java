package vn.giaydiduong;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless Chromium for the browser tests, with a fresh profile each time. Where it is not installed the
 * tests are skipped with the reason, except on CI ({@code CI=true}, where .ci/run installs it): there a missing
 * browser fails the build rather than silently skip what it should test.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(String windowSize, String language) throws IOException {
    boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!"true".equals(System.getenv("CI"))) {
      Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium "
          + "chromium-driver); browser tests skipped");
    }
    profile = Files.createTempDirectory("chromium-test-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // Flags for a root user on a machine without a display or outside network.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=" + windowSize, "--user-data-dir=" + profile);
    if (language != null) {
      // navigator.languages (Tasklist's choice) and Accept-Language.
      options.addArguments("--lang=" + language);
      options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
  }

  /** A browser whose window is {@code width,height} pixels. */
  public static HeadlessChromium start(String windowSize) throws IOException {
    return new HeadlessChromium(windowSize, null);
  }

  /** A browser whose first language is {@code language} (e.g. {@code vi}). */
  public static HeadlessChromium start(String windowSize, String language) throws IOException {
    return new HeadlessChromium(windowSize, language);
  }

  public ChromeDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
    FileSystemUtils.deleteRecursively(profile.toFile());
  }
}
