package org.fer4j.face.faceapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TensorFlow 'same' semantics on PyTorch, checked against hand-computed sums. */
class TfOpsTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void strideTwoSameConvolutionPadsOnlyBottomRight() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(1, 1, 4, 4));
      NDArray w = m.ones(new Shape(1, 1, 3, 3));
      NDArray out = TfOps.convSame(x, w, m.zeros(new Shape(1)), 2);
      // windows rows/cols {0..2} and {2..4}, index 4 being padding: 9, 6 / 6, 4.
      // Symmetric padding (PyTorch's padding=1) would give 4, 6 / 6, 9.
      assertThat(out.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(out.toFloatArray()).containsExactly(9f, 6f, 6f, 4f);
    }
  }

  @Test
  void separableConvolutionIsDepthwiseThenPointwisePlusBias() {
    try (NDManager m = NDManager.newBaseManager()) {
      // two channels holding 1 and 2 everywhere, 3x3 depthwise of ones, pointwise [1, 10], bias 0.5
      NDArray x = m.create(new float[] {1, 1, 1, 1, 2, 2, 2, 2}, new Shape(1, 2, 2, 2));
      NDArray dw = m.ones(new Shape(2, 1, 3, 3));
      NDArray pw = m.create(new float[] {1, 10}, new Shape(1, 2, 1, 1));
      NDArray out = TfOps.separableSame(x, dw, pw, m.create(new float[] {0.5f}), 1);
      // every 3x3 window over a padded 2x2 map covers all four cells: 4 and 8 -> 4 + 80 + 0.5
      assertThat(out.toFloatArray()).containsOnly(84.5f);
    }
  }

  @Test
  void samePoolingNeverPicksThePadding() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {-9, -8, -7, -6, -5, -4, -3, -2, -1}, new Shape(1, 1, 3, 3));
      NDArray out = TfOps.maxPoolSame(x, 2, 2);
      assertThat(out.toFloatArray()).containsExactly(-5f, -4f, -2f, -1f);
      NDArray stride1 = TfOps.maxPoolSame(x, 2, 1);
      assertThat(stride1.getShape()).isEqualTo(new Shape(1, 1, 3, 3));
      assertThat(stride1.toFloatArray()).containsExactly(-5f, -4f, -4f, -2f, -1f, -1f, -2f, -1f, -1f);
    }
  }

  @Test
  void shortcutsWithoutAnExplicitPadEqualPaddingFirst() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (int size = 7; size <= 10; size++) {
        NDArray x = m.randomNormal(new Shape(2, 4, size, size + 1));
        NDArray dw = m.randomNormal(new Shape(4, 1, 3, 3));
        NDArray pw = m.randomNormal(new Shape(5, 4, 1, 1));
        NDArray bias = m.randomNormal(new Shape(5));
        NDArray padded = TfOps.padSame(x, 3, 1, 0);
        NDArray reference =
            ai.djl.nn.convolutional.Conv2d.conv2d(
                    ai.djl.nn.convolutional.Conv2d.conv2d(
                            padded, dw, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 4)
                        .singletonOrThrow(),
                    pw,
                    bias)
                .singletonOrThrow();
        assertThat(TfOps.separableSame(x, dw, pw, bias, 1).toFloatArray())
            .containsExactly(reference.toFloatArray(), within(1e-5f));
        NDArray pooled =
            ai.djl.nn.pooling.Pool.maxPool2d(
                TfOps.padSame(x, 2, 2, Double.NEGATIVE_INFINITY),
                new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        assertThat(TfOps.maxPoolSame(x, 2, 2).toFloatArray()).containsExactly(pooled.toFloatArray());
      }
    }
  }

  @Test
  void networksReportTheirOutputShapes() {
    assertThat(new TinyFaceDetectorBlock().getOutputShapes(new Shape[] {new Shape(2, 3, 416, 416)})[0])
        .isEqualTo(new Shape(2, 25, 13, 13));
    assertThat(TinyFaceDetectorBlock.gridSize(608)).isEqualTo(19);
    assertThat(new FaceFeatureBlock(136).getOutputShapes(new Shape[] {new Shape(5, 3, 112, 112)})[0])
        .isEqualTo(new Shape(5, 136));
    assertThat(new SsdMobilenetV1Block().getOutputShapes(new Shape[] {new Shape(1, 3, 512, 512)})[0])
        .isEqualTo(new Shape(1, 5118, 4));
  }
}
