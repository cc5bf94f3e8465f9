package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.fer4j.engine.Engines;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Colormap;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Heat maps from the predictor: face-api's expression net and a fer4j block, on a real photo. */
class PredictorExplainTest {

  private static Path cacheOrSkip() {
    Path cache = FaceApiPackage.cacheRoot(null);
    if (!Files.isRegularFile(FaceApiPackage.demoDir(cache).resolve("sample2.jpg"))) {
      Assumptions.abort("face-api weights not in the cache; run ./fer models pull");
    }
    return cache;
  }

  private static void assertMapOfTopExpression(FaceResult face, int side) throws IOException {
    FaceExplanation e = face.explanation();
    assertThat(e).isNotNull();
    assertThat(e.expression()).isEqualTo(face.topExpression());
    assertThat(e.probability()).isCloseTo(face.expressions().get(e.expression()), within(1e-4f));
    assertThat(e.face().width()).isEqualTo(side);
    assertThat(e.map()).hasSize(side * side);
    float min = 1;
    float max = 0;
    for (float v : e.map()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(max).as("min-max normalised map").isEqualTo(1f);
    assertThat(min).isEqualTo(0f);
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(e.overlayPng(Colormap.JET, 0.5f)));
    assertThat(png.getWidth()).isEqualTo(side);
    assertThat(png.getHeight()).isEqualTo(side);
  }

  @Test
  void faceApiExpressionNetExplainsPerCallAndByDefault() throws IOException {
    Engines.init();
    Path cache = cacheOrSkip();
    RgbImage photo = RgbImage.read(FaceApiPackage.demoDir(cache).resolve("sample2.jpg"));
    try (ExpressionPredictor predictor = ExpressionPredictor.builder()
        .setWeights(FaceApiPackage.weightsDir(cache)).optAgeGender(false).build()) {
      assertThat(predictor.canExplain()).isTrue();
      FaceResult plain = predictor.predict(List.of(photo), List.of("p")).get(0).faces().get(0);
      assertThat(plain.explanation()).isNull();
      FaceResult explained = predictor.predict(List.of(photo), List.of("p"), true).get(0).faces().get(0);
      assertThat(explained.expressions()).isEqualTo(plain.expressions());
      assertMapOfTopExpression(explained, 112);
      assertThat(explained.explanation().layer()).isEqualTo("dense3");
    }
  }

  @Test
  void fer4jBlockExplainsTheAlignedFace() throws IOException {
    Engines.init();
    Path cache = cacheOrSkip();
    RgbImage photo = RgbImage.read(FaceApiPackage.demoDir(cache).resolve("sample2.jpg"));
    ModelSpec spec = ModelRegistry.get("resnet18");
    try (NDManager m = NDManager.newBaseManager();
        FaceApiModels models = FaceApiModels.load(FaceApiPackage.weightsDir(cache),
            java.util.EnumSet.of(FaceApiModels.Net.TINY_FACE_DETECTOR, FaceApiModels.Net.LANDMARKS_68))) {
      Block block = spec.build();
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, spec.preprocess().height(), spec.preprocess().width()));
      try (ExpressionPredictor predictor = ExpressionPredictor.builder().setModels(models).optAgeGender(false)
          .optClassifier(BlockExpressionClassifier.of(spec, block)).optExplain(CamMethod.GRAD_CAM_PLUS_PLUS).build()) {
        FaceResult face = predictor.predict(List.of(photo), List.of("p")).get(0).faces().get(0);
        assertMapOfTopExpression(face, spec.preprocess().width());
        assertThat(face.explanation().method()).isEqualTo(CamMethod.GRAD_CAM_PLUS_PLUS);
        assertThat(face.explanation().layer()).isEqualTo("layer4");
      }
    }
  }
}
