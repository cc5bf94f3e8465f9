package org.fer4j.models.faceres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import ai.djl.training.loss.Loss;
import org.fer4j.testing.Overfit;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.Normalize;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.losses.CrossEntropy;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ParameterNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faceres MobileNet as a trainable model: shapes, registration, preprocessing, gradients and
 * over-fitting one batch. Parity with the graph interpreter is in {@link FaceResParityTest}.
 */
class FaceResMobileNetTest {
  @BeforeAll
  static void engine() {
    // One intra-op thread: the machine is shared; see OverfitTest.
    Engines.init(EngineOptions.defaults().withThreads(1));
    Engines.seed(7);
  }

  static FaceResMobileNet built(NDManager m, int classes, Shape input) {
    FaceResMobileNet net = new FaceResMobileNet(classes);
    net.initialize(m, DataType.FLOAT32, input);
    return net;
  }

  @Test
  void stagesHaveMobileNetShapesAndTheGraphsParameterCount() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape input = new Shape(2, 3, 224, 224);
      FaceResMobileNet net = built(m, 7, input);
      assertThat(net.stageNames()).containsExactly("stem", "stage1", "stage2", "stage3", "stage4");
      assertThat(net.stageShapes(input)).containsExactly(
          new Shape(2, 64, 112, 112), new Shape(2, 128, 56, 56), new Shape(2, 256, 28, 28),
          new Shape(2, 512, 14, 14), new Shape(2, 1024, 7, 7));
      // Odd sizes follow TF same padding: ceil(n / 2) at every stride-2 layer.
      assertThat(net.stageShapes(new Shape(1, 3, 112, 112)).get(4)).isEqualTo(new Shape(1, 1024, 4, 4));
      NDArray x = m.randomUniform(0, 255, new Shape(2, 3, 112, 112));
      NDList features = net.forwardFeatures(new ParameterStore(m, false), x, false);
      assertThat(features.get(4).getShape()).isEqualTo(new Shape(2, 1024, 4, 4));
      assertThat(net.pooledFeature(new ParameterStore(m, false), x, false).getShape()).isEqualTo(new Shape(2, 1024));
      assertThat(net.forward(new ParameterStore(m, false), new NDList(x), false).head().getShape())
          .isEqualTo(new Shape(2, 7));
      long conv = 0;
      long all = 0;
      for (Map.Entry<String, Parameter> e : ParameterNames.torchNames(net).entrySet()) {
        long n = e.getValue().getArray().size();
        all += e.getValue().requiresGradient() ? n : 0;
        conv += e.getKey().startsWith("conv") && e.getKey().endsWith(".weight") && !e.getKey().contains("_bn") ? n : 0;
      }
      // The graph's kernels: 864 (conv1) + 44,640 (depthwise) + 3,139,584 (pointwise).
      assertThat(conv).isEqualTo(3_185_088L);
      // Kernels, BatchNorm weight and bias (10,944 channels), feats, fc.
      assertThat(all).isEqualTo(3_185_088L + 2 * 10_944L + 1024 * 256 + 256 + 256 * 7 + 7);
      assertThat(net.macs(new Shape(1, 3, 224, 224))).isBetween(560_000_000L, 580_000_000L);
    }
  }

  @Test
  void registeredWithZeroTo255InputAndAnOptionCheck() {
    var spec = ModelRegistry.get(FaceResProvider.NAME);
    assertThat(spec.camLayer()).isEqualTo("stage4");
    assertThat(spec.preprocess().height()).isEqualTo(224);
    float[] px = {1f, 0.5f, 0f, 1f / 255f};
    FloatImage in = new FloatImage(3, 1, 4, new float[] {1f, 0.5f, 0f, 1f / 255f, 1f, 0.5f, 0f, 1f / 255f,
        1f, 0.5f, 0f, 1f / 255f});
    float[] out = new Normalize(spec.preprocess()).apply(in, null).data();
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("pixel %s", px[i % 4]).isCloseTo(px[i % 4] * 255f, org.assertj.core.data.Offset.offset(1e-3f));
    }
    assertThat(spec.build(ModelOptions.of(8))).isInstanceOf(FaceResMobileNet.class);
    assertThatThrownBy(() -> spec.build(new ModelOptions(7, Map.of("pretrained", "imagenet"))))
        .isInstanceOf(FerException.class).hasMessageContaining("valid: faceres, none");
  }

  @Test
  void everyParameterGetsAGradient() {
    try (NDManager m = NDManager.newBaseManager()) {
      FaceResMobileNet net = built(m, 7, new Shape(4, 3, 64, 64));
      NDArray x = m.randomUniform(0, 255, new Shape(4, 3, 64, 64));
      NDArray y = m.create(new float[] {0, 1, 2, 3});
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), true).head();
        gc.backward(CrossEntropy.mean(logits, y));
      }
      List<String> without = new ArrayList<>();
      int checked = 0;
      for (Map.Entry<String, Parameter> e : ParameterNames.torchNames(net).entrySet()) {
        if (e.getValue().requiresGradient()) {
          checked++;
          if (e.getValue().getArray().getGradient().abs().sum().getFloat() == 0f) {
            without.add(e.getKey());
          }
        }
      }
      assertThat(checked).isEqualTo(27 * 3 + 4);
      assertThat(without).as("parameters with an all-zero gradient").isEmpty();
    }
  }

  @Test
  void overfitsOneBatchFromRandomWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      FaceResMobileNet net = built(m, 7, new Shape(8, 3, 64, 64));
      List<Float> losses = overfit(net, m, 8, 64, 80);
      assertThat((double) losses.get(losses.size() - 1)).as("loss " + losses).isLessThan(losses.get(0) * 0.1);
    }
  }

  /**
   * Adam on one fixed batch of random 0..255 images with labels i % 7 until the loss is below a
   * tenth of its start; returns the loss per step. Step arrays live in a per-step sub-manager.
   */
  static List<Float> overfit(FaceResMobileNet net, NDManager m, int n, int size, int maxSteps) {
    NDArray x = m.randomUniform(0, 255, new Shape(n, 3, size, size));
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 7;
    }
    List<Float> losses = Overfit.steps(net, m, x, m.create(labels), Loss.softmaxCrossEntropyLoss(), 1e-3f, maxSteps,
        0.05, Double.POSITIVE_INFINITY);
    System.out.printf("faceres overfit: %d steps, loss %.4f -> %.4f%n", losses.size(), losses.get(0),
        losses.get(losses.size() - 1));
    return losses;
  }
}
