package org.fer4j.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.fer4j.layers.LayerTestSupport.init;
import static org.fer4j.layers.LayerTestSupport.run;
import static org.fer4j.layers.LayerTestSupport.set;
import static org.fer4j.layers.LayerTestSupport.sigmoid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GcsaCcaNonLocalTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void gcsaCouplesFrameWeightsWithTheClipMean() {
    try (NDManager m = NDManager.newBaseManager()) {
      AttentionOptions opts = new AttentionOptions(2, 2, "gconv", 2);
      Block gcsa = GcsaBlock.builder().setChannels(2).optOptions(opts).build();
      init(gcsa, m, new Shape(2, 2, 1, 1));
      set(gcsa, "gconv_weight", 0.5f, 1f);
      set(gcsa, "se1_weight", 1f, 0.25f);
      set(gcsa, "se2_weight", 1f, -1f);
      set(gcsa, "aux1_weight", 1, 0, 0, 1, 1, 1, 0, 0);
      set(gcsa, "aux2_weight", 1, 0, 0, 0, 0, 0, 1, 1);
      // One clip of two frames: frame 0 = [1, 2], frame 1 = [3, 4] (1x1 maps).
      NDArray u = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2, 1, 1));
      NDList out = run(gcsa, m, false, u);

      // g = [0.5, 2] and [1.5, 4]; hidden = relu(g0 + 0.25 g1) = 1.0 and 2.5;
      // excitation logits = [h, -h]; s = 2 sigmoid(.).
      double[][] s = {{2 * sigmoid(1.0), 2 * sigmoid(-1.0)}, {2 * sigmoid(2.5), 2 * sigmoid(-2.5)}};
      double[][] uu = {{1, 2}, {3, 4}};
      float[] y = out.get(0).toFloatArray();
      for (int f = 0; f < 2; f++) {
        for (int c = 0; c < 2; c++) {
          double mean = (s[0][c] + s[1][c]) / 2;
          double coupled = Math.sqrt(s[f][c] * mean + 1e-5);
          assertThat((double) y[2 * f + c]).isCloseTo(uu[f][c] * coupled, within(1e-5));
        }
      }
      // aux: mean_T g = [1, 3]; aux1 -> [1, 3, 4, 0]; aux2 -> [1, 4].
      assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, 2));
      assertThat(out.get(1).toFloatArray()).containsExactly(new float[] {1f, 4f}, within(1e-5f));
    }
  }

  @Test
  void gcsaSqueezeModesAndShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (String mode : AttentionOptions.SQUEEZE_MODES) {
        AttentionOptions opts = new AttentionOptions(16, 4, mode, 7);
        Block b = AttentionFactory.create("gcsa", 128, opts).orElseThrow();
        Shape in = new Shape(8, 128, 14, 14); // 2 clips x 4 frames
        init(b, m, in);
        NDList out = run(b, m, true, m.randomNormal(in));
        assertThat(out.get(0).getShape()).as(mode).isEqualTo(in);
        assertThat(out.get(1).getShape()).as(mode).isEqualTo(new Shape(2, 7));
        // avg mode has no global-conv weight, the others have one of shape (C, 1, H, W).
        boolean hasConv =
            b.getParameters().keys().stream().anyMatch(k -> k.endsWith("gconv_weight"));
        assertThat(hasConv).as(mode).isEqualTo(!"avg".equals(mode));
      }
    }
    assertThatThrownBy(() -> new AttentionOptions(16, 1, "max", 7))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("gconv, avg, both");
  }

  @Test
  void ccaWeightsValuesBySoftmaxOverPositions() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block cca = ContextualChannelBlock.builder().setChannels(8).build();
      init(cca, m, new Shape(1, 8, 1, 2));
      float[] mlp1 = new float[8];
      mlp1[0] = 1f; // the hidden unit reads channel 0
      set(cca, "mlp1_weight", mlp1);
      set(cca, "mlp2_weight", ones(8));
      set(cca, "depthwise_weight", new float[8 * 2 * 49]); // query branch = LN(GELU(0)) = 0
      set(cca, "value_weight", identity(8));
      for (String bias : new String[] {"mlp1_bias", "mlp2_bias", "value_bias"}) {
        set(cca, bias, new float[bias.startsWith("mlp1") ? 1 : 8]); // PyTorch's init is not zero
      }
      float[] x = new float[16];
      for (int c = 0; c < 8; c++) {
        x[2 * c] = 0.5f + 0.1f * c; // position 0
        x[2 * c + 1] = -0.3f * c + 1f; // position 1
      }
      float[] out = run(cca, m, false, m.create(x, new Shape(1, 8, 1, 2))).head().toFloatArray();
      // key_c(p) = gelu(x_0(p)) * pool_c; softmax over the two positions, times value, plus x.
      double k0 = gelu(x[0]);
      double k1 = gelu(x[1]);
      for (int c = 0; c < 8; c++) {
        double pool = (x[2 * c] + x[2 * c + 1]) / 2;
        double a0 = Math.exp(k0 * pool);
        double a1 = Math.exp(k1 * pool);
        double r0 = a0 / (a0 + a1);
        assertThat((double) out[2 * c]).isCloseTo(r0 * x[2 * c] + x[2 * c], within(1e-5));
        assertThat((double) out[2 * c + 1])
            .isCloseTo((1 - r0) * x[2 * c + 1] + x[2 * c + 1], within(1e-5));
      }
    }
  }

  @Test
  void nonLocalMixesPositionsByEmbeddedGaussianAffinity() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block nl = NonLocalBlock.builder().setChannels(2).optInnerChannels(1).build();
      init(nl, m, new Shape(1, 2, 1, 2));
      set(nl, "theta_weight", 1f, 0f);
      set(nl, "phi_weight", 0f, 1f);
      set(nl, "g_weight", 1f, 1f);
      set(nl, "w_weight", 1f, -2f);
      set(nl, "w_bias", 0f, 0.5f);
      // Channel 0 = [1, 2], channel 1 = [3, -1]; all 1x1 conv biases except w's are 0.
      float[] x = {1, 2, 3, -1};
      float[] out = run(nl, m, false, m.create(x, new Shape(1, 2, 1, 2))).head().toFloatArray();
      double[] theta = {1, 2};
      double[] phi = {3, -1};
      double[] g = {4, 1};
      double bn = 1 / Math.sqrt(1 + 1e-5);
      for (int i = 0; i < 2; i++) {
        double e0 = Math.exp(theta[i] * phi[0]);
        double e1 = Math.exp(theta[i] * phi[1]);
        double y = (e0 * g[0] + e1 * g[1]) / (e0 + e1);
        assertThat((double) out[i]).isCloseTo(y * bn + x[i], within(1e-5));
        assertThat((double) out[2 + i]).isCloseTo((-2 * y + 0.5) * bn + x[2 + i], within(1e-5));
      }
    }
  }

  @Test
  void factoryRejectsUnknownKeysAndListsValidOnes() {
    assertThat(AttentionFactory.create("none", 64)).isEmpty();
    assertThat(AttentionFactory.create("CBAM", 64)).containsInstanceOf(CbamBlock.class);
    assertThatThrownBy(() -> AttentionFactory.create("sk", 64))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("'sk'")
        .hasMessageContaining("none, se, eca, cbam, gcsa, cca, nl");
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1f);
    return a;
  }

  private static float[] identity(int n) {
    float[] a = new float[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = 1f;
    }
    return a;
  }

  /** Exact GELU x * Phi(x), with erf from Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
  static double gelu(double x) {
    double z = x / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * Math.abs(z));
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = Math.signum(z) * (1 - poly * Math.exp(-z * z));
    return x * 0.5 * (1 + erf);
  }
}
