package org.fer4j.layers.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.Test;

/** The exposed CC attention weights are the ones the forward pass uses. */
class ContextualChannelAttentionTest {

  @Test
  void forwardIsAttentionTimesValuePlusInputWithIdentityValue() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      int c = 16;
      ContextualChannelBlock block = ContextualChannelBlock.builder().setChannels(c).build();
      block.initialize(m, DataType.FLOAT32, new Shape(1, c, 3, 3));
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getKey().contains("value")) {
          NDArray a = p.getValue().getArray();
          a.set(p.getKey().endsWith("weight") ? m.eye(c).toFloatArray() : new float[c]);
        }
      }
      NDArray x = m.randomNormal(new Shape(1, c, 3, 3));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray out = block.forward(ps, new NDList(x), false).head();
      NDArray att = block.attention(ps, x, false); // (1, 9, c)
      float[] sums = att.sum(new int[] {1}).toFloatArray();
      for (float s : sums) {
        assertThat(s).isCloseTo(1f, within(1e-5f));
      }
      // value(x) = x with the identity: out[c, p] = att[p, c] * x[c, p] + x[c, p]
      float[] a = att.toFloatArray();
      float[] xs = x.toFloatArray();
      float[] o = out.toFloatArray();
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < 9; p++) {
          float expected = a[p * c + ch] * xs[ch * 9 + p] + xs[ch * 9 + p];
          assertThat(o[ch * 9 + p]).as("channel %d position %d", ch, p).isCloseTo(expected, within(1e-5f));
        }
      }
    }
  }
}
