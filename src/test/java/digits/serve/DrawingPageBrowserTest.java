package digits.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import digits.predict.DigitRecognizer;
import digits.predict.ShortMnistModel;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Draws digits on the page's canvas in real headless Chromium (Debian's chromium and chromium-driver, which
 * {@code .ci/run} installs) and reads the prediction the page shows. Skipped, with the reason, where they are
 * missing: the one test that may skip.
 */
class DrawingPageBrowserTest {
  @TempDir Path profile;

  @Test
  void drawingASevenShowsASeven() throws Exception {
    boolean installed = new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
    String reason = "skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver);"
        + " .ci/run installs them";
    if (!installed) {
      System.err.println("DrawingPageBrowserTest " + reason);
    }
    Assumptions.assumeTrue(installed, reason);
    try (DigitRecognizer recognizer = DigitRecognizer.load(ShortMnistModel.savedModel());
        PredictionServer server = PredictionServer.start(recognizer, Map.of("model", "short-mnist"),
            PredictionServer.Options.defaults("127.0.0.1", 0))) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-quic", "--window-size=900,700", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
      WebDriver browser = new ChromeDriver(service, options);
      try {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebElement canvas = browser.findElement(By.id("canvas"));
        WebElement answer = browser.findElement(By.id("answer"));
        assertEquals(10, browser.findElements(By.cssSelector("#bars .bar")).size());

        // A 7: the top bar left to right, then the slanted stem, in small moves as a hand would.
        Actions pen = new Actions(browser).moveToElement(canvas, -70, -95).clickAndHold();
        for (int i = 0; i < 14; i++) {
          pen.moveByOffset(10, 0);
        }
        for (int i = 0; i < 19; i++) {
          pen.moveByOffset(-5, 10);
        }
        pen.release().perform();

        new WebDriverWait(browser, Duration.ofSeconds(15))
            .until(d -> !answer.getAttribute("data-digit").isEmpty());
        assertEquals("7", answer.getText(), browser.findElement(By.id("status")).getText());
        String confidence = browser.findElement(By.id("confidence")).getText();
        assertTrue(confidence.endsWith("% sure"), confidence);
        byte[] screenshot = ((org.openqa.selenium.TakesScreenshot) browser)
            .getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        java.nio.file.Files.write(java.nio.file.Files.createDirectories(Path.of("target")).resolve("serve-page.png"),
            screenshot);

        browser.findElement(By.id("clear")).click();
        assertEquals("", answer.getAttribute("data-digit"));
      } finally {
        browser.quit();
      }
    }
  }
}
