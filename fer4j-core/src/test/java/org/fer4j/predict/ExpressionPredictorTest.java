package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.testing.ParityInputs;
import org.junit.jupiter.api.Test;

class ExpressionPredictorTest {
  private static Path cacheOrSkip() {
    Path cache = FaceApiPackage.cacheRoot(null);
    ParityInputs.requireFile(FaceApiPackage.demoDir(cache).resolve("sample2.jpg"),
        "face-api weights/photos missing under " + cache + "; run tools/golden/setup.sh",
        "face-api weights not in the cache; run ./fer models pull");
    return cache;
  }

  @Test
  void builderRejectsBadOptionsWithTheFix() {
    assertThatThrownBy(() -> ExpressionPredictor.builder().build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("setWeights(dir) or setModels(models)");
    assertThatThrownBy(() -> ExpressionPredictor.builder().setWeights(Path.of("w")).optInputSize(400).build())
        .hasMessageContaining("multiple of 32, was 400");
    assertThatThrownBy(() -> ExpressionPredictor.builder().setWeights(Path.of("w")).optMinScore(1.5).build())
        .hasMessageContaining("(0, 1), was 1.5");
  }

  @Test
  void zeroDecodeThreadsMeansTheEnginesThreadCount() {
    Path weights = FaceApiPackage.weightsDir(cacheOrSkip());
    int engineThreads = Engines.init().intraOpThreads();
    try (ExpressionPredictor byDefault = ExpressionPredictor.builder().setWeights(weights).optAgeGender(false)
            .optDecodeThreads(0).build();
        ExpressionPredictor three = ExpressionPredictor.builder().setWeights(weights).optAgeGender(false)
            .optDecodeThreads(3).build()) {
      assertThat(byDefault.decodeThreads()).isEqualTo(engineThreads);
      assertThat(three.decodeThreads()).isEqualTo(3);
    }
    assertThatThrownBy(() -> ExpressionPredictor.builder().setWeights(weights).optDecodeThreads(-1).build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("decoding threads must be >= 0");
  }

  @Test
  void sharedAcrossThreadsGivesTheSameAnswers() throws Exception {
    Path cache = cacheOrSkip();
    Path photo = FaceApiPackage.demoDir(cache).resolve("sample2.jpg");
    RgbImage gray = new RgbImage(64, 48, new float[64 * 48 * 3]);
    try (ExpressionPredictor predictor = ExpressionPredictor.builder()
        .setWeights(FaceApiPackage.weightsDir(cache)).optAgeGender(false).build()) {
      ImageResult single = predictor.predictFiles(List.of(photo)).get(0);
      assertThat(single.faces()).hasSize(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<ImageResult>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          futures.add(pool.submit(() -> predictor.predictFiles(List.of(photo)).get(0)));
        }
        for (Future<ImageResult> f : futures) {
          FaceResult face = f.get().faces().get(0);
          assertThat(face.box()).isEqualTo(single.faces().get(0).box());
          assertThat(face.landmarks()).containsExactly(single.faces().get(0).landmarks());
          assertThat(face.expressions()).isEqualTo(single.faces().get(0).expressions());
        }
      } finally {
        pool.shutdown();
      }
      ImageResult blank = predictor.predict(List.of(gray), List.of("blank")).get(0);
      assertThat(blank.ok()).isTrue();
      assertThat(blank.faces()).isEmpty();
      assertThat(PredictionFormats.jsonLine(blank)).contains("\"reason\":\"no face found\"");
    }
  }
}
