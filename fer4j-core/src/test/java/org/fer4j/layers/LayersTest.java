package org.fer4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LayersTest {

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void stochasticDepthKeepsOrZeroesWholeSamplesAndScalesByTheKeepRate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Engines.seed(3);
      StochasticDepth sd = new StochasticDepth(0.25f);
      NDArray x = m.ones(new Shape(4000, 2, 3, 3));
      ParameterStore ps = new ParameterStore(m, false);
      assertThat(BlockCalls.forward(sd, ps, x, false).toFloatArray()).containsOnly(1f);
      NDArray y = BlockCalls.forward(sd, ps, x, true);
      // Every sample is all 0 or all 1/(1 - 0.25): min and max over a sample agree.
      NDArray perSampleMax = y.reshape(4000, 18).max(new int[] {1});
      NDArray perSampleMin = y.reshape(4000, 18).min(new int[] {1});
      assertThat(perSampleMax.toFloatArray()).containsExactly(perSampleMin.toFloatArray());
      assertThat(perSampleMax.toFloatArray()).containsOnly(0f, 1f / 0.75f);
      float keptShare = perSampleMax.gt(0f).toType(DataType.FLOAT32, false).mean().getFloat();
      assertThat(keptShare).isCloseTo(0.75f, within(0.03f)); // 4000 draws: sd of share ~0.007
    }
  }

  @Test
  void stochasticDepthRejectsProbabilitiesOutsideZeroToOne() {
    assertThatThrownBy(() -> new StochasticDepth(1.5f))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("[0, 1]")
        .hasMessageContaining("1.5");
  }

  @Test
  void layerNorm2dNormalisesEachPixelOverChannels() {
    try (NDManager m = NDManager.newBaseManager()) {
      LayerNorm2d ln = new LayerNorm2d(2, 1e-6f);
      // One pixel with channels (1, 3): mean 2, variance 1 -> (-1, 1); other pixel (5, 5) -> (0,
      // 0).
      NDArray x = m.create(new float[] {1, 5, 3, 5}, new Shape(1, 2, 1, 2));
      ln.initialize(m, DataType.FLOAT32, x.getShape());
      NDArray y = BlockCalls.forward(ln, new ParameterStore(m, false), x, false);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 1, 2));
      float[] v = y.toFloatArray();
      assertThat(v[0]).isCloseTo(-1f, within(1e-5f));
      assertThat(v[2]).isCloseTo(1f, within(1e-5f));
      assertThat(v[1]).isCloseTo(0f, within(1e-5f));
      assertThat(v[3]).isCloseTo(0f, within(1e-5f));
    }
  }

  @Test
  void geluIsTheExactErfFormNotTheTanhApproximation() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1f, -2f});
      NDArray y = BlockCalls.forward(Lambda.gelu(), new ParameterStore(m, false), x, false);
      // x * Phi(x): Phi(1) = 0.8413447, Phi(-2) = 0.0227501; tanh form gives 0.8411920 at 1.
      assertThat(y.toFloatArray()[0]).isCloseTo(0.8413447f, within(2e-6f));
      assertThat(y.toFloatArray()[1]).isCloseTo(-0.0455003f, within(2e-6f));
    }
  }

  @Test
  void lambdaShapeRulesMatchTheirOperations() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, 3, 9, 6));
      ParameterStore ps = new ParameterStore(m, false);
      for (Lambda op :
          new Lambda[] {
            Lambda.permute(0, 2, 3, 1),
            Lambda.maxPool2d(3, 2, 1),
            Lambda.adaptiveAvgPool1x1(),
            Lambda.flatten(),
            Lambda.relu()
          }) {
        Shape computed = BlockCalls.forward(op, ps, x, false).getShape();
        assertThat(BlockCalls.outputShape(op, x.getShape())).as(op.toString()).isEqualTo(computed);
      }
      assertThat(BlockCalls.outputShape(Lambda.maxPool2d(3, 2, 1), x.getShape()))
          .isEqualTo(new Shape(2, 3, 5, 3));
    }
  }

  @Test
  void indexedSequentialNamesChildrenLikeNnSequential() {
    IndexedSequential seq =
        new IndexedSequential().addAll(TorchLayers.conv2d(4, 3, 1, 1, 1, true), Lambda.relu());
    assertThat(seq.getChildren().keys()).containsExactly("010", "021");
    assertThat(seq.size()).isEqualTo(2);
  }

  @Test
  void countsConvolutionAndLinearMacsByHand() {
    // 3x3 conv 2->4 channels, stride 1, pad 1 on 1x2x5x5: 4*5*5 outputs x 2*3*3 = 1800 MACs.
    Block conv = TorchLayers.conv2d(4, 3, 1, 1, 1, true);
    assertThat(MacCounter.count(conv, new Shape(1, 2, 5, 5))).isEqualTo(1800);
    // Depth-wise (groups = channels) 3x3 on 1x4x5x5: 100 outputs x 1*9 = 900 MACs.
    assertThat(MacCounter.count(TorchLayers.conv2d(4, 3, 1, 1, 4, true), new Shape(1, 4, 5, 5)))
        .isEqualTo(900);
    // Linear 10->3 on (2, 7, 10): 2*7*3 outputs x 10 = 420 MACs; chained after a free op.
    IndexedSequential seq = new IndexedSequential().addAll(Lambda.relu(), TorchLayers.linear(3));
    assertThat(MacCounter.count(seq, new Shape(2, 7, 10))).isEqualTo(420);
    assertThat(MacCounter.count(TorchLayers.batchNorm2d(), new Shape(1, 4, 5, 5))).isZero();
  }

  @Test
  void batchNormUpdatesRunningStatisticsWithPyTorchsMomentum() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block bn = TorchLayers.batchNorm2d();
      NDArray x = m.full(new Shape(2, 3, 2, 2), 5f);
      bn.initialize(m, DataType.FLOAT32, x.getShape());
      BlockCalls.forward(bn, new ParameterStore(m, false), x, true);
      // PyTorch momentum 0.1: mean 0 -> 0.9*0 + 0.1*5; variance 1 -> 0.9*1 + 0.1*0.
      var params = bn.getParameters();
      // DJL hands PyTorch 1 - 0.9f = 0.10000002f, hence the tolerance.
      for (float mean : params.get("runningMean").getArray().toFloatArray()) {
        assertThat(mean).isCloseTo(0.5f, within(1e-6f));
      }
      assertThat(params.get("runningVar").getArray().toFloatArray()[0])
          .isCloseTo(0.9f, within(1e-6f));
    }
  }

  @Test
  void unknownCompositeBlocksMustImplementMacCounting() {
    Block opaque = new Opaque();
    assertThatThrownBy(() -> MacCounter.count(opaque, new Shape(1, 2, 5, 5)))
        .isInstanceOf(FerException.class)
        .hasMessageContaining(Opaque.class.getName())
        .hasMessageContaining("MacCounting");
  }

  /** A composite block that does not report its MACs. */
  private static final class Opaque extends AbstractBlock {
    Opaque() {
      addChildBlock("conv", TorchLayers.conv2d(2, 1, 1, 0, 1, false));
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      return inputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return inputShapes;
    }
  }
}
