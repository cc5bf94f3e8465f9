package org.fer4j.models.faceres;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanModels;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.testing.ParityInputs;
import org.fer4j.weights.LoadReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainable faceres MobileNet with Human's weights computes what the TF.js graph interpreter
 * computes (which {@code HumanParityTest} checks against Human itself): the 1024-d pooled feature
 * to 1e-4 on random 0..255 inputs, at 224 px and at 112 px (where TF's same padding is symmetric
 * on the odd 7x7 map). Needs {@code ./fer models pull human}; skipped without it unless
 * {@code FER4J_REQUIRE_PARITY} is set.
 */
class FaceResParityTest {
  private static final double TOLERANCE = 1e-4;
  private static HumanModels human;
  private static Path models;

  @BeforeAll
  static void load() {
    models = HumanPackage.modelsDir(FaceApiPackage.cacheRoot(null));
    ParityInputs.requireFile(models.resolve("faceres.json"),
        models + "/faceres.json is missing; run ./fer models pull human");
    Engines.init(EngineOptions.defaults().withThreads(1));
    Engines.seed(11);
    human = HumanModels.load(models);
  }

  @AfterAll
  static void close() {
    if (human != null) {
      human.close();
    }
  }

  static FaceResMobileNet pretrained(NDManager m, Shape input) {
    FaceResMobileNet net = FaceResMobileNetTest.built(m, 7, input);
    LoadReport report = FaceResWeights.load(net, models);
    assertThat(report.loaded()).hasSize(27 * 5 + 2);
    assertThat(report.missing()).containsExactly("fc.weight", "fc.bias");
    return net;
  }

  @Test
  void pooledFeatureEqualsTheInterpretersAt224And112() {
    for (int size : List.of(224, 112)) {
      try (NDManager m = NDManager.newBaseManager()) {
        Shape shape = new Shape(2, 3, size, size);
        FaceResMobileNet net = pretrained(m, shape);
        NDArray x = m.randomUniform(0, 255, shape);
        NDArray ours = net.pooledFeature(new ParameterStore(m, false), x, false);
        NDArray graph = HumanModels.run(human.faceres(), x).get(0);
        assertThat(ours.getShape()).isEqualTo(graph.getShape()).isEqualTo(new Shape(2, 1024));
        double diff = ours.sub(graph).abs().max().getFloat();
        double scale = graph.abs().max().getFloat();
        System.out.printf("faceres parity at %d px: max |ours - interpreter| %.3g (feature max %.3g)%n",
            size, diff, scale);
        assertThat(scale).as("a live feature").isGreaterThan(0.1);
        assertThat(diff).as("pooled feature at " + size + " px").isLessThanOrEqualTo(TOLERANCE);
      }
    }
  }

  /**
   * On the first training batch every BatchNorm is re-expressed with that batch's statistics: the
   * training-mode output on that batch and the eval-mode output before and after equal the
   * pretrained function.
   */
  @Test
  void firstTrainingBatchKeepsThePretrainedFunction() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape shape = new Shape(6, 3, 96, 96);
      FaceResMobileNet net = pretrained(m, shape);
      NDArray x = m.randomUniform(0, 255, shape);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray before = net.forward(ps, new NDList(x), false).head();
      NDArray training;
      assertThat(net.calibrationPending()).isTrue();
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        training = net.forward(ps, new NDList(x), true).head();
        gc.backward(training.sum()); // the graph is still differentiable after the in-place update
      }
      assertThat(net.calibrationPending()).isFalse();
      NDArray after = net.forward(ps, new NDList(x), false).head();
      double scale = before.abs().max().getFloat();
      System.out.printf("faceres calibration: logits max %.3g, |train - eval before| %.3g, |eval after - before| %.3g%n",
          scale, training.sub(before).abs().max().getFloat(), after.sub(before).abs().max().getFloat());
      assertThat(scale).as("live logits").isGreaterThan(0.01);
      assertThat((double) training.sub(before).abs().max().getFloat()).isLessThanOrEqualTo(1e-4 * scale);
      // Eval after the step differs only by the training pass's own running-variance update
      // (PyTorch stores the unbiased variance: n/(n-1) on the 3x3 maps at 96 px, 2 % here).
      assertThat((double) after.sub(before).abs().max().getFloat()).isLessThanOrEqualTo(1e-2 * scale);
      assertThat(net.units().get(26).conv().getParameters().get("weight").getArray().getGradient().abs().sum()
          .getFloat()).isPositive();
    }
  }

  @Test
  void overfitsOneBatchFromFaceresWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      FaceResMobileNet net = pretrained(m, new Shape(8, 3, 64, 64));
      List<Float> losses = FaceResMobileNetTest.overfit(net, m, 8, 64, 80);
      assertThat((double) losses.get(losses.size() - 1)).as("loss " + losses).isLessThan(losses.get(0) * 0.1);
    }
  }
}
