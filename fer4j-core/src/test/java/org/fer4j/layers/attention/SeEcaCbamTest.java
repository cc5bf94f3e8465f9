package org.fer4j.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fer4j.layers.LayerTestSupport.init;
import static org.fer4j.layers.LayerTestSupport.run;
import static org.fer4j.layers.LayerTestSupport.set;
import static org.fer4j.layers.LayerTestSupport.sigmoid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeEcaCbamTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  /** Channel 0 = [1, 3], channel 1 = [2, 6] on a 1x2 map. */
  private static NDArray tinyInput(NDManager m) {
    return m.create(new float[] {1, 3, 2, 6}, new Shape(1, 2, 1, 2));
  }

  @Test
  void seMatchesHandComputedGates() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block se =
          SeBlock.builder()
              .setChannels(2)
              .optOptions(AttentionOptions.defaults().withReduction(2))
              .build();
      init(se, m, new Shape(1, 2, 1, 2));
      set(se, "fc1_weight", 0.5f, -0.25f);
      set(se, "fc1_bias", 0.1f);
      set(se, "fc2_weight", 2f, -3f);
      set(se, "fc2_bias", 0f, 1f);
      float[] out = run(se, m, false, tinyInput(m)).singletonOrThrow().toFloatArray();
      // GAP = [2, 4]; hidden = relu(0.5*2 - 0.25*4 + 0.1) = 0.1; gates = sigmoid([0.2, 0.7]).
      double s0 = sigmoid(0.2);
      double s1 = sigmoid(0.7);
      assertThat(out).hasSize(4);
      assertThat((double) out[0]).isCloseTo(1 * s0, within(1e-6));
      assertThat((double) out[1]).isCloseTo(3 * s0, within(1e-6));
      assertThat((double) out[2]).isCloseTo(2 * s1, within(1e-6));
      assertThat((double) out[3]).isCloseTo(6 * s1, within(1e-6));
    }
  }

  @Test
  void ecaKernelSizeFollowsTheFormula() {
    assertThat(EcaBlock.kernelSizeFor(64)).isEqualTo(3);
    assertThat(EcaBlock.kernelSizeFor(256)).isEqualTo(5);
    assertThat(EcaBlock.kernelSizeFor(512)).isEqualTo(5);
    assertThat(EcaBlock.kernelSizeFor(2048)).isEqualTo(7);
    assertThat(EcaBlock.builder().setChannels(256).build().kernelSize()).isEqualTo(5);
  }

  @Test
  void ecaConvolvesAcrossChannelsWithZeroPadding() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block eca = EcaBlock.builder().setChannels(4).optKernelSize(3).build();
      init(eca, m, new Shape(1, 4, 1, 1));
      set(eca, "conv_weight", 0.1f, 0.2f, 0.3f);
      NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 4, 1, 1));
      float[] out = run(eca, m, false, x).singletonOrThrow().toFloatArray();
      // z_i = 0.1*y_{i-1} + 0.2*y_i + 0.3*y_{i+1} with zeros outside: 0.8, 1.4, 2.0, 1.1.
      double[] z = {0.8, 1.4, 2.0, 1.1};
      for (int i = 0; i < 4; i++) {
        assertThat((double) out[i]).isCloseTo((i + 1) * sigmoid(z[i]), within(1e-6));
      }
    }
  }

  @Test
  void cbamAppliesChannelThenSpatialGate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block cbam =
          CbamBlock.builder()
              .setChannels(2)
              .optOptions(AttentionOptions.defaults().withReduction(2))
              .build();
      init(cbam, m, new Shape(1, 2, 1, 2));
      set(cbam, "mlp_in_weight", 0.5f, -0.25f);
      set(cbam, "mlp_in_bias", 0.1f);
      set(cbam, "mlp_out_weight", 1f, -1f);
      set(cbam, "mlp_out_bias", 0f, 0f);
      float[] kernel = new float[2 * 49];
      kernel[24] = 0.5f; // centre tap on the max map
      kernel[49 + 24] = -1f; // centre tap on the mean map
      set(cbam, "spatial_conv_weight", kernel);
      float[] out = run(cbam, m, false, tinyInput(m)).singletonOrThrow().toFloatArray();

      // Channel gate: avg = [2, 4] -> h = relu(1 - 1 + 0.1) = 0.1; max = [3, 6] -> h =
      // relu(1.5 - 1.5 + 0.1) = 0.1. MLP out: [0.1, -0.1] on each path, summed: [0.2, -0.2].
      double c0 = sigmoid(0.2);
      double c1 = sigmoid(-0.2);
      double[][] gated = {{1 * c0, 3 * c0}, {2 * c1, 6 * c1}};
      double bnScale = 1 / Math.sqrt(1 + 1e-5); // inference BN with fresh statistics
      for (int w = 0; w < 2; w++) {
        double max = Math.max(gated[0][w], gated[1][w]);
        double mean = (gated[0][w] + gated[1][w]) / 2;
        double s = sigmoid((0.5 * max - mean) * bnScale);
        assertThat((double) out[w]).isCloseTo(gated[0][w] * s, within(1e-6));
        assertThat((double) out[2 + w]).isCloseTo(gated[1][w] * s, within(1e-6));
      }
    }
  }

  @Test
  void shapesArePreservedOnRealisticMaps() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape in = new Shape(2, 64, 7, 7);
      for (String key : new String[] {"se", "eca", "cbam", "cca", "nl"}) {
        Block b = AttentionFactory.create(key, 64).orElseThrow();
        init(b, m, in);
        NDArray out = run(b, m, true, m.randomNormal(in)).head();
        assertThat(out.getShape()).as(key).isEqualTo(in);
        assertThat(b.getOutputShapes(new Shape[] {in})[0]).as(key).isEqualTo(in);
      }
    }
  }
}
