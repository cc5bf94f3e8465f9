package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.FerException;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.Engines;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.Alignment;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.onnx.ExportFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two inference engines side by side: the face pipeline on face-api's six sample photos, and
 * registered fer4j models as the expression classifier, must give the same results on ONNX
 * Runtime as on DJL (the nets themselves agree to 1e-4 of their largest output,
 * {@code FaceApiExportTest}; here the whole pipeline, with decoding, NMS and alignment between).
 */
class EngineParityTest {
  /** Detector boxes and landmarks, in pixels of photos 400 to 1500 px wide. */
  private static final double PIXELS = 0.05;
  /**
   * Expression probabilities and the detector score. Looser than the nets' agreement (1e-6 here
   * on most faces) because face-api floors the aligned box to whole pixels: a landmark that moves
   * by 1e-4 px across an integer shifts the expression and age nets' crop by a pixel (seen on one
   * face of the six photos, 1.4e-3).
   */
  private static final double PROBABILITY = 1e-2;
  /** Age, years (the same one-pixel crop shift moved one face's age by 0.16 years). */
  private static final double YEARS = 0.5;

  private static FaceApiModels models;
  private static List<Path> photos;

  @BeforeAll
  static void load() {
    Engines.init();
    Path cache = FaceApiPackage.cacheRoot(null);
    Path weights = FaceApiPackage.weightsDir(cache);
    Path demo = FaceApiPackage.demoDir(cache);
    if (Files.isRegularFile(weights.resolve(FaceApiModels.Net.SSD_MOBILENET_V1.manifestName()))
        && Files.isRegularFile(demo.resolve("sample1.jpg"))) {
      models = FaceApiModels.loadAll(weights);
      photos = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        photos.add(demo.resolve("sample" + i + ".jpg"));
      }
    }
  }

  @AfterAll
  static void close() {
    if (models != null) {
      models.close();
    }
  }

  private static void requireWeights() {
    Assumptions.assumeTrue(models != null, "face-api weights or photos not in the cache; run ./fer models pull");
  }

  @ParameterizedTest
  @EnumSource(ExpressionPredictor.Detector.class)
  void facePipelineGivesTheSameFacesOnBothEngines(ExpressionPredictor.Detector detector) {
    requireWeights();
    List<ImageResult> djl = predict(ExpressionPredictor.builder().optDetector(detector), InferenceEngine.DJL);
    List<ImageResult> ort = predict(ExpressionPredictor.builder().optDetector(detector), InferenceEngine.ONNXRUNTIME);
    int faces = assertSameFaces(djl, ort, detector.name());
    assertThat(faces).as("faces in the six photos").isGreaterThanOrEqualTo(15);
  }

  /** A fer4j model as the predictor's classifier (how {@code --run} plugs in) on both engines. */
  @Test
  void aFer4jClassifierInThePredictorGivesTheSameExpressions() {
    requireWeights();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = ExportFixture.build("aglf_resnet18", manager, 5);
      BlockExpressionClassifier classifier = new BlockExpressionClassifier(
          block, ExportFixture.preprocess("aglf_resnet18"), LabelSpace.EXPRESSION_7, Alignment.Template.ARCFACE_112);
      List<ImageResult> djl = predict(ExpressionPredictor.builder().optClassifier(classifier), InferenceEngine.DJL);
      List<ImageResult> ort =
          predict(ExpressionPredictor.builder().optClassifier(classifier), InferenceEngine.ONNXRUNTIME);
      assertSameFaces(djl, ort, "aglf_resnet18");
    }
  }

  /** Seed models alone, on aligned faces of a random image: probabilities to 1e-4. */
  @ParameterizedTest
  @ValueSource(strings = {"aglf_resnet18", "lnlj", "faer_convnext_tiny", "resnet18"})
  void registeredModelsClassifyAlikeOnBothEngines(String name) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = ExportFixture.build(name, manager, 9);
      PreprocessConfig pre = ExportFixture.preprocess(name);
      BlockExpressionClassifier djl =
          new BlockExpressionClassifier(block, pre, LabelSpace.EXPRESSION_7, Alignment.Template.ARCFACE_112);
      List<FaceInput> faces = List.of(randomFace(1), randomFace(2), randomFace(3));
      List<float[]> expected = djl.classify(faces);
      try (BlockExpressionClassifier ort = djl.named(name).onEngine(InferenceEngine.ONNXRUNTIME, 1)) {
        assertThat(ort.engine()).isEqualTo(InferenceEngine.ONNXRUNTIME);
        List<float[]> actual = ort.classify(faces);
        double worst = 0;
        double spread = 0;
        for (int f = 0; f < faces.size(); f++) {
          for (int c = 0; c < 7; c++) {
            worst = Math.max(worst, Math.abs(expected.get(f)[c] - actual.get(f)[c]));
            spread = Math.max(spread, Math.abs(expected.get(f)[c] - expected.get(0)[c]));
          }
        }
        System.out.printf("%s: ONNX Runtime vs DJL max probability error %.2e%n", name, worst);
        assertThat(worst).as(name + " max probability difference").isLessThan(1e-4);
        assertThat(spread).as(name + ": the faces must give different outputs, or the check is empty").isGreaterThan(1e-3);
      }
    }
  }

  @Test
  void aModelTheExporterCannotConvertIsNamed() {
    LambdaBlock custom = new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      return new NDList(x.mean(new int[] {2, 3}));
    });
    PreprocessConfig pre = new PreprocessConfig(56, 56, 3, new float[3], new float[] {1, 1, 1}, 1);
    BlockExpressionClassifier classifier = new BlockExpressionClassifier(
        custom, pre, LabelSpace.indexed("c", 3), Alignment.Template.ARCFACE_112).named("my_model");
    assertThatThrownBy(() -> classifier.onEngine(InferenceEngine.ONNXRUNTIME, 1))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("my_model")
        .hasMessageContaining("LambdaBlock")
        .hasMessageContaining("--engine djl");
    assertThat(classifier.onEngine(InferenceEngine.DJL, 1)).isSameAs(classifier);
  }

  private static List<ImageResult> predict(ExpressionPredictor.Builder builder, InferenceEngine engine) {
    try (ExpressionPredictor predictor = builder.setModels(models).optEngine(engine).build()) {
      assertThat(predictor.engine()).isEqualTo(engine);
      return predictor.predictFiles(photos);
    }
  }

  private static int assertSameFaces(List<ImageResult> djl, List<ImageResult> ort, String what) {
    double box = 0;
    double landmark = 0;
    double probability = 0;
    double years = 0;
    int faces = 0;
    for (int i = 0; i < djl.size(); i++) {
      String file = djl.get(i).source();
      assertThat(ort.get(i).faces()).as(what + " " + file + " face count").hasSameSizeAs(djl.get(i).faces());
      for (FaceResult expected : djl.get(i).faces()) {
        FaceResult actual = ort.get(i).faces().stream()
            .max((a, b) -> Double.compare(FaceApiParityTest.iou(a.box(), expected.box()), FaceApiParityTest.iou(b.box(), expected.box())))
            .orElseThrow();
        box = Math.max(box, boxDistance(expected.box(), actual.box()));
        for (int p = 0; p < expected.landmarks().length; p++) {
          landmark = Math.max(landmark, Math.abs(expected.landmarks()[p] - actual.landmarks()[p]));
        }
        probability = Math.max(probability, Math.abs(expected.score() - actual.score()));
        for (String name : expected.expressions().keySet()) {
          probability = Math.max(probability, Math.abs(expected.expressions().get(name) - actual.expressions().get(name)));
        }
        if (!Float.isNaN(expected.age())) {
          years = Math.max(years, Math.abs(expected.age() - actual.age()));
          assertThat(actual.gender()).as(what + " " + file + " gender").isEqualTo(expected.gender());
        }
        faces++;
      }
    }
    System.out.printf("engines (%s, %d faces): max box %.2e px, landmark %.2e px, probability %.2e, age %.2e years%n",
        what, faces, box, landmark, probability, years);
    assertThat(box).as(what + " box corners (px)").isLessThan(PIXELS);
    assertThat(landmark).as(what + " landmarks (px)").isLessThan(PIXELS);
    assertThat(probability).as(what + " probabilities").isLessThan(PROBABILITY);
    assertThat(years).as(what + " age (years)").isLessThan(YEARS);
    return faces;
  }

  private static double boxDistance(FaceBox a, FaceBox b) {
    return Math.max(Math.max(Math.abs(a.x() - b.x()), Math.abs(a.y() - b.y())),
        Math.max(Math.abs(a.width() - b.width()), Math.abs(a.height() - b.height())));
  }

  // Random pixels; the five face points where the ARCFACE template puts them at 2x, shifted by 40.
  private static FaceInput randomFace(long seed) {
    Random random = new Random(seed);
    float[] data = new float[300 * 300 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = 255 * random.nextFloat();
    }
    float[] t = Alignment.Template.ARCFACE_112.points();
    float[] pts = new float[136];
    int[][] groups = {{36, 42}, {42, 48}, {30, 31}, {48, 49}, {54, 55}};
    for (int g = 0; g < 5; g++) {
      for (int i = groups[g][0]; i < groups[g][1]; i++) {
        pts[2 * i] = 40 + 2 * t[2 * g];
        pts[2 * i + 1] = 40 + 2 * t[2 * g + 1];
      }
    }
    FaceBox box = new FaceBox(40, 40, 224, 224);
    return new FaceInput(new RgbImage(300, 300, data), box, pts, box);
  }
}
