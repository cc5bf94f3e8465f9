package org.fer4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fer4j.layers.LayerTestSupport.init;
import static org.fer4j.layers.LayerTestSupport.run;
import static org.fer4j.layers.LayerTestSupport.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TransformerTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void geluTanhMatchesTheFormulaAtKnownPoints() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] y = TransformerLayer.geluTanh(m.create(new float[] {-2, 0, 1, 3})).toFloatArray();
      // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), evaluated by hand.
      assertThat(y)
          .containsExactly(new float[] {-0.045402f, 0f, 0.841192f, 2.996363f}, within(1e-5f));
    }
  }

  @Test
  void multiHeadAttentionMatchesAnExplicitLoop() {
    int n = 3;
    int d = 4;
    int heads = 2;
    int dh = 2;
    try (NDManager m = NDManager.newBaseManager()) {
      MultiHeadSelfAttention attn = new MultiHeadSelfAttention(d, heads, dh);
      init(attn, m, new Shape(1, n, d));
      float[] wqkv = new float[3 * heads * dh * d];
      for (int i = 0; i < wqkv.length; i++) {
        wqkv[i] = (float) Math.sin(0.7 * i + 0.3) * 0.5f;
      }
      float[] wout = new float[d * heads * dh];
      for (int i = 0; i < wout.length; i++) {
        wout[i] = (float) Math.cos(1.3 * i) * 0.4f;
      }
      float[] bout = {0.1f, -0.2f, 0.3f, 0f};
      set(attn, "to_qkv_weight", wqkv);
      set(attn, "to_out_weight", wout);
      set(attn, "to_out_bias", bout);
      float[] x = new float[n * d];
      for (int i = 0; i < x.length; i++) {
        x[i] = (i % 5) * 0.3f - 0.5f;
      }
      float[] got = run(attn, m, false, m.create(x, new Shape(1, n, d))).head().toFloatArray();
      double[] want = referenceAttention(x, wqkv, wout, bout, n, d, heads, dh);
      for (int i = 0; i < want.length; i++) {
        assertThat((double) got[i]).as("element %d", i).isCloseTo(want[i], within(1e-5));
      }
    }
  }

  /** Plain loops: qkv = W x (rows of W are q for all heads, then k, then v), per-head softmax. */
  private static double[] referenceAttention(
      float[] x, float[] wqkv, float[] wout, float[] bout, int n, int d, int heads, int dh) {
    int inner = heads * dh;
    double[][] qkv = new double[n][3 * inner];
    for (int t = 0; t < n; t++) {
      for (int o = 0; o < 3 * inner; o++) {
        for (int i = 0; i < d; i++) {
          qkv[t][o] += wqkv[o * d + i] * x[t * d + i];
        }
      }
    }
    double[][] concat = new double[n][inner];
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < n; t++) {
        double[] scores = new double[n];
        double sum = 0;
        for (int s = 0; s < n; s++) {
          double dot = 0;
          for (int j = 0; j < dh; j++) {
            dot += qkv[t][h * dh + j] * qkv[s][inner + h * dh + j];
          }
          scores[s] = Math.exp(dot / Math.sqrt(dh));
          sum += scores[s];
        }
        for (int s = 0; s < n; s++) {
          for (int j = 0; j < dh; j++) {
            concat[t][h * dh + j] += scores[s] / sum * qkv[s][2 * inner + h * dh + j];
          }
        }
      }
    }
    double[] out = new double[n * d];
    for (int t = 0; t < n; t++) {
      for (int o = 0; o < d; o++) {
        double v = bout[o];
        for (int i = 0; i < inner; i++) {
          v += wout[o * inner + i] * concat[t][i];
        }
        out[t * d + o] = v;
      }
    }
    return out;
  }

  @Test
  void encoderLayerIsResidualAroundBothSublayers() {
    try (NDManager m = NDManager.newBaseManager()) {
      TransformerEncoder enc =
          TransformerEncoder.builder()
              .setDim(4)
              .setDepth(2)
              .setHeads(2)
              .optDimHead(2)
              .optMlpDim(8)
              .build();
      init(enc, m, new Shape(2, 3, 4));
      // Zero both sublayers' output projections; only their biases remain, added twice per layer.
      for (String layer : new String[] {"layer0", "layer1"}) {
        set(enc, layer + "_02attn_02to_out_weight", new float[16]);
        set(enc, layer + "_02attn_02to_out_bias", 0.1f, 0f, 0f, 0f);
        set(enc, layer + "_05ff2_weight", new float[32]);
        set(enc, layer + "_05ff2_bias", 0f, 0f, -0.5f, 0f);
      }
      NDArray x = m.randomNormal(new Shape(2, 3, 4));
      float[] in = x.toFloatArray();
      float[] out = run(enc, m, false, x).head().toFloatArray();
      float[] shift = {0.2f, 0f, -1f, 0f}; // two layers
      for (int i = 0; i < in.length; i++) {
        assertThat(out[i]).isCloseTo(in[i] + shift[i % 4], within(1e-5f));
      }
      assertThat(enc.getOutputShapes(new Shape[] {new Shape(2, 3, 4)})[0])
          .isEqualTo(new Shape(2, 3, 4));
    }
  }
}
