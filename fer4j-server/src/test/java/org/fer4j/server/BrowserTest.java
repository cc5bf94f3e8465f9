package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.predict.ExpressionPredictor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * installed by {@code .ci/run}): load the page, upload a two-face image, see the expression bars
 * appear, then switch the Grad-CAM toggle on and see each face's overlay (112x112) appear. The screenshot is kept as {@code target/browser-test/page.png}.
 */
class BrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private static void requireBrowser() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        throw new AssertionError("chromium and chromium-driver are missing; .ci/run installs them");
      }
      Assumptions.abort("headless Chromium not installed (apt-get install chromium chromium-driver)");
    }
  }

  @Test
  void uploadShowsExpressionBarsForEachFace() throws Exception {
    requireBrowser();
    Path weights = FaceApiPackage.weightsDir(FaceWeights.cacheOrSkip());
    Path out = Files.createDirectories(Path.of("target", "browser-test"));
    Path image = out.resolve("pair.png");
    Files.write(image, TestImages.encode(RealModelServerTest.mirroredPair(), "png"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000");
    try (FerServer server = FerServer.start(ServerConfig.builder().optPort(0).build(), () -> new PredictorAnalyzer(
        ExpressionPredictor.builder().setWeights(weights).build(), "face-api-expressions"))) {
      assertThat(server.awaitModel(Duration.ofSeconds(120))).isTrue();
      ChromeDriver driver = new ChromeDriver(service, options);
      try {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Model ready"));
        driver.findElement(By.id("file")).sendKeys(image.toAbsolutePath().toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".bar"), 14));
        List<WebElement> cards = driver.findElements(By.cssSelector(".face"));
        assertThat(cards).hasSize(2);
        for (WebElement card : cards) {
          List<WebElement> bars = card.findElements(By.cssSelector(".bar"));
          assertThat(bars).extracting(b -> b.getDomAttribute("data-expression")).containsExactly(
              "Surprise", "Fear", "Disgust", "Happiness", "Sadness", "Anger", "Neutral");
          String top = card.findElement(By.cssSelector(".bar.top")).getDomAttribute("data-expression");
          assertThat(card.findElement(By.tagName("h2")).getText()).endsWith(": " + top);
        }
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("2 face(s) in pair.png (1200x600)");
        Object sameOrigin = ((JavascriptExecutor) driver).executeScript(
            "return Array.from(document.querySelectorAll('script[src],link[href],img[src]'))"
                + ".every(e => new URL(e.src || e.href, location.href).origin === location.origin"
                + " || (e.src || '').startsWith('data:'));");
        assertThat(sameOrigin).as("every asset from the server itself").isEqualTo(Boolean.TRUE);
        assertThat(driver.findElements(By.cssSelector("img.cam"))).as("no Grad-CAM unless toggled").isEmpty();
        // Grad-CAM toggle: the next upload asks for ?explain=true and each card shows the overlay
        driver.findElement(By.id("explain")).click();
        Path again = out.resolve("pair-cam.png");
        Files.copy(image, again, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        driver.findElement(By.id("file")).sendKeys(again.toAbsolutePath().toString());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("img.cam"), 2));
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
            "return Array.from(document.querySelectorAll('img.cam')).every(i => i.complete && i.naturalWidth === 112);")));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), out.resolve("page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(out.resolve("page.png"))).isGreaterThan(10_000);
      } finally {
        driver.quit();
      }
    }
  }
}
