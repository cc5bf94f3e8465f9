package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.predict.ExpressionPredictor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over HTTP: {@code ?explain=true} with the pretrained face-api net and with a served trained run
 * ({@code --model RUN_DIR}), and the run's provenance in {@code GET /api/v1/models}.
 */
class ExplainServerTest {
  @TempDir static Path dir;
  private static FerServer pretrained;
  private static FerServer run;

  @BeforeAll
  static void start() throws Exception {
    Path weights = FaceApiPackage.weightsDir(FaceWeights.cacheOrSkip());
    Path runDir = TinyRun.train(dir);
    pretrained = FerServer.start(ServerConfig.builder().optPort(0).build(), () -> new PredictorAnalyzer(
        ExpressionPredictor.builder().setWeights(weights).optAgeGender(false).build(), "face-api-expressions"));
    run = FerServer.start(ServerConfig.builder().optPort(0).build(),
        () -> PredictorAnalyzer.forRun(runDir, weights, ExpressionPredictor.Detector.TINY));
    assertThat(pretrained.awaitModel(Duration.ofSeconds(120))).isTrue();
    assertThat(run.awaitModel(Duration.ofSeconds(120))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (pretrained != null) {
      pretrained.close();
    }
    if (run != null) {
      run.close();
    }
  }

  /** Posts the two-face picture with explain=true; checks every face's overlay and returns the faces. */
  private static JsonNode explainedFaces(FerServer server, int side) throws Exception {
    byte[] png = TestImages.encode(RealModelServerTest.mirroredPair(), "png");
    Http http = new Http(server.port());
    var r = http.postFiles("/api/v1/analyze?explain=true", List.of(Map.entry("pair.png", png)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode faces = Http.json(r).path("faces");
    assertThat(faces.size()).isEqualTo(2);
    for (JsonNode face : faces) {
      BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(face.path("gradCam").asText())));
      assertThat(overlay.getWidth()).isEqualTo(side);
      assertThat(overlay.getHeight()).isEqualTo(side);
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < side; y += 4) {
        for (int x = 0; x < side; x += 4) {
          colours.add(overlay.getRGB(x, y));
        }
      }
      assertThat(colours.size()).as("a non-constant overlay").isGreaterThan(10);
      assertThat(face.path("gradCamInfo").path("expression").asText()).isEqualTo(face.path("expression").asText());
      assertThat(face.path("gradCamInfo").path("probability").asDouble())
          .isCloseTo(face.path("expressions").path(face.path("expression").asText()).asDouble(), org.assertj.core.data.Offset.offset(1e-4));
    }
    JsonNode plain = Http.json(http.postFiles("/api/v1/analyze", List.of(Map.entry("pair.png", png))));
    assertThat(plain.path("faces").get(0).has("gradCam")).isFalse();
    return faces;
  }

  @Test
  void pretrainedExpressionNetAnswersExplainWithItsOverlays() throws Exception {
    JsonNode faces = explainedFaces(pretrained, 112);
    assertThat(faces.get(0).path("gradCamInfo").path("layer").asText()).isEqualTo("dense3");
  }

  @Test
  void servedRunExplainsAtItsInputSizeAndShowsItsProvenance() throws Exception {
    JsonNode faces = explainedFaces(run, 32);
    assertThat(faces.get(0).path("gradCamInfo").path("layer").asText()).isEqualTo("layer4");
    JsonNode models = Http.json(new Http(run.port()).get("/api/v1/models"));
    assertThat(models.path("active").asText()).startsWith("run:").contains("(resnet18)");
    JsonNode prov = models.path("run");
    assertThat(prov.path("architecture").asText()).isEqualTo("resnet18");
    assertThat(prov.path("inputSize").asInt()).isEqualTo(32);
    assertThat(prov.path("classes").size()).isEqualTo(7);
    assertThat(prov.path("checkpoint").asText()).isEqualTo("best.safetensors");
    assertThat(prov.path("selection").asText()).startsWith("best validation");
    assertThat(prov.path("config").path("epochs").asInt()).isEqualTo(1);
    assertThat(prov.path("config").path("data").has("root")).as("no server paths").isFalse();
    assertThat(prov.path("provenance").isObject()).isTrue();
    JsonNode pre = Http.json(new Http(pretrained.port()).get("/api/v1/models"));
    assertThat(pre.has("run")).isFalse();
  }
}
