package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.fer4j.bench.ProcessMemory;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.FaceResult;
import org.fer4j.predict.ImageResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server with the real face pipeline on images made from the package's sample photos: the
 * HTTP answer equals the predictor's own, worker threads run with PyTorch grad mode off, and
 * memory stays flat over repeated requests.
 */
class RealModelServerTest {
  private static FerServer server;
  private static Http http;
  private static ExpressionPredictor direct;
  private static final AtomicReference<Boolean> workerGradMode = new AtomicReference<>();

  /** The real analyser, also noting the grad mode of the worker thread that runs it. */
  private static final class Probe implements Analyzer {
    private final PredictorAnalyzer real;

    Probe(PredictorAnalyzer real) {
      this.real = real;
    }

    @Override
    public List<ImageResult> analyze(List<RgbImage> images, List<String> sources) {
      workerGradMode.set(PredictorAnalyzer.gradModeOnThisThread());
      return real.analyze(images, sources);
    }

    @Override
    public LabelSpace labels() {
      return real.labels();
    }

    @Override
    public String modelName() {
      return real.modelName();
    }

    @Override
    public void prepareWorkerThread() {
      real.prepareWorkerThread();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path weights = FaceApiPackage.weightsDir(FaceWeights.cacheOrSkip());
    server = FerServer.start(ServerConfig.builder().optPort(0).build(), () -> new Probe(new PredictorAnalyzer(
        ExpressionPredictor.builder().setWeights(weights).build(), "face-api-expressions")));
    assertThat(server.awaitModel(Duration.ofSeconds(120))).isTrue();
    http = new Http(server.port());
    direct = ExpressionPredictor.builder().setWeights(weights).build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      direct.close();
    }
  }

  /**
   * A 600 x 600 crop of sample photo 2 around its one face, next to its mirror image: a
   * 1200 x 600 picture with two faces.
   */
  static BufferedImage mirroredPair() throws Exception {
    Path photo = FaceApiPackage.demoDir(FaceWeights.cacheOrSkip()).resolve("sample2.jpg");
    BufferedImage face = ImageIO.read(photo.toFile()).getSubimage(1240, 0, 600, 600);
    BufferedImage pair = new BufferedImage(1200, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = pair.createGraphics();
    g.drawImage(face, 0, 0, null);
    g.drawImage(face, 1200, 0, -600, 600, null);
    g.dispose();
    return pair;
  }

  @Test
  void answerEqualsThePredictorsOwnOnAGeneratedTwoFaceImage() throws Exception {
    BufferedImage pair = mirroredPair();
    byte[] png = TestImages.encode(pair, "png");
    JsonNode body = Http.json(http.postFiles("/api/v1/analyze", List.of(Map.entry("pair.png", png))));
    ImageResult expected = direct.predict(List.of(RgbImage.of(pair)), List.of("pair.png")).get(0);
    assertThat(expected.faces()).hasSize(2);
    JsonNode faces = body.path("faces");
    assertThat(faces.size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      FaceResult f = expected.faces().get(i);
      JsonNode got = faces.get(i);
      assertThat(got.path("expression").asText()).isEqualTo(f.topExpression());
      assertThat(got.path("box").path("x").asDouble()).isCloseTo(f.box().x(), org.assertj.core.data.Offset.offset(1e-3));
      f.expressions().forEach((name, p) ->
          assertThat(got.path("expressions").path(name).asDouble()).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-4)));
      assertThat(got.path("landmarks").size()).isEqualTo(68);
      assertThat(got.path("gender").asText()).isEqualTo(f.gender());
    }
    // The faces are mirror images: their boxes lie about equally far from the left and right
    // edges (not exactly: the detector pads the image on the right and bottom only).
    double left = faces.get(0).path("box").path("x").asDouble();
    double right = faces.get(1).path("box").path("x").asDouble() + faces.get(1).path("box").path("width").asDouble();
    assertThat(left).isCloseTo(1200 - right, org.assertj.core.data.Offset.offset(16.0));
  }

  @Test
  void aPhotoStoredSidewaysIsAnalysedUpright() throws Exception {
    byte[][] photo = TestImages.uprightAndSideways(FaceApiPackage.demoDir(FaceWeights.cacheOrSkip()).resolve("sample1.jpg"));
    JsonNode upright = Http.json(http.post("/api/v1/analyze", "image/jpeg", photo[0]));
    JsonNode sideways = Http.json(http.post("/api/v1/analyze", "image/jpeg", photo[1]));
    assertThat(sideways.path("width").asInt()).isEqualTo(1920);
    assertThat(sideways.path("height").asInt()).isEqualTo(1280);
    assertThat(upright.path("faces").size()).isEqualTo(3);
    assertThat(sideways.path("faces").size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      JsonNode a = upright.path("faces").get(i).path("box");
      JsonNode b = sideways.path("faces").get(i).path("box");
      for (String k : List.of("x", "y", "width", "height")) {
        assertThat(b.path(k).asDouble()).as("face " + i + " " + k).isCloseTo(a.path(k).asDouble(), org.assertj.core.data.Offset.offset(4.0));
      }
    }
  }

  @Test
  void workerThreadsRunWithGradModeOff() throws Exception {
    // A thread the engine did not start records gradients by default: that is what the workers fix.
    AtomicReference<Boolean> plain = new AtomicReference<>();
    Thread t = new Thread(() -> plain.set(PredictorAnalyzer.gradModeOnThisThread()));
    t.start();
    t.join();
    assertThat(plain.get()).isTrue();
    http.post("/api/v1/analyze", "image/png", TestImages.png(64, 64));
    assertThat(workerGradMode.get()).isFalse();
  }

  @Test
  void memoryStaysFlatOverRepeatedRequests() throws Exception {
    BufferedImage pair = mirroredPair();
    BufferedImage small = new BufferedImage(600, 300, BufferedImage.TYPE_INT_RGB);
    small.createGraphics().drawImage(pair, 0, 0, 600, 300, null);
    byte[] jpeg = TestImages.encode(small, "jpg");
    for (int i = 0; i < 3; i++) {
      JsonNode warm = Http.json(http.post("/api/v1/analyze", "image/jpeg", jpeg));
      assertThat(warm.path("faces").size()).as("faces in the 600 x 300 pair").isEqualTo(2);
    }
    long[] rss = new long[4];
    for (int round = 0; round < rss.length; round++) {
      for (int i = 0; i < 4; i++) {
        assertThat(http.post("/api/v1/analyze", "image/jpeg", jpeg).statusCode()).isEqualTo(200);
      }
      rss[round] = ProcessMemory.currentRssBytes() >> 20;
    }
    System.out.println("RSS after each 4 requests (MiB): " + java.util.Arrays.toString(rss));
    assertThat(rss[3] - rss[1]).as("RSS growth in MiB over the last 8 requests").isLessThan(32);
  }
}
