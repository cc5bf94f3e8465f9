package org.fer4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.fer4j.engine.Engines;
import org.fer4j.layers.attention.AttentionOptions;
import org.fer4j.layers.attention.GcsaBlock;
import org.fer4j.models.seed.Aglf;
import org.fer4j.models.StagedModel;
import org.fer4j.models.seed.Faer;
import org.fer4j.models.seed.GcsaResNet;
import org.fer4j.models.seed.Lnlj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model-specific views on small randomly initialised seed models, checked against their outputs. */
class ModelViewsTest {
  private static NDManager manager;

  @BeforeAll
  static void setUp() {
    Engines.init();
    Engine.getInstance().setRandomSeed(7);
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void tearDown() {
    manager.close();
  }

  private static Block init(Block b, Shape input) {
    b.initialize(manager, DataType.FLOAT32, input);
    return b;
  }

  private static float[] forwardOutput(Block b, NDArray x, int index, boolean softmax) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray in = x.duplicate();
      in.attach(scope);
      NDList out = b.forward(new ParameterStore(scope, false), new NDList(in), false);
      return (softmax ? out.get(index).softmax(1) : out.get(index)).toFloatArray();
    }
  }

  @Test
  void aglfRegionMapsAreZeroOutsideTheirQuadrantAndProbabilitiesMatchTheRegionOutputs() {
    Block aglf = init(Aglf.builder().setDepth(18).build(), new Shape(2, 3, 64, 64));
    NDArray x = manager.randomNormal(new Shape(2, 3, 64, 64));
    List<AglfRegionCams.Result> results = new AglfRegionCams(aglf, CamMethod.GRAD_CAM).explain(x, new int[] {-1, 3});
    float[] fused = forwardOutput(aglf, x, 0, true);
    assertThat(results.get(0).regions().get(0).classIndex()).isEqualTo(AglfRegionCams.argMax(Arrays.copyOfRange(fused, 0, 7)));
    assertThat(results.get(1).regions()).allMatch(e -> e.classIndex() == 3);
    int nonZero = 0;
    for (int i = 0; i < 2; i++) {
      for (int r = 0; r < 4; r++) {
        Explanation e = results.get(i).regions().get(r);
        int y0 = (r / 2) * 32;
        int x0 = (r % 2) * 32;
        double inside = 0;
        for (int y = 0; y < 64; y++) {
          for (int xx = 0; xx < 64; xx++) {
            boolean in = y >= y0 && y < y0 + 32 && xx >= x0 && xx < x0 + 32;
            if (!in) {
              assertThat(e.at(y, xx)).as("image %d region %d at (%d,%d)", i, r, y, xx).isZero();
            } else {
              inside += e.at(y, xx);
            }
          }
        }
        nonZero += inside > 0 ? 1 : 0;
        float[] expected = Arrays.copyOfRange(forwardOutput(aglf, x, r + 1, true), i * 7, i * 7 + 7);
        assertThat(results.get(i).regionProbabilities()[r]).containsExactly(expected, within(1e-5f));
        assertThat(e.probability()).isCloseTo(expected[e.classIndex()], within(1e-5f));
        // trunk /8 gives 8x8, quadrants 4x4, layer3 stride 2 gives 2x2 per region: merged 4x4
        assertThat(e.rawHeight()).isEqualTo(4);
      }
    }
    assertThat(nonZero).as("regions with a non-zero map").isGreaterThan(0);
  }

  @Test
  void lnljWeightsSumToOneMatchTheModelOutputAndPaintTheirCells() {
    for (int k : new int[] {2, 3}) {
      int size = 16 * k;
      Lnlj lnlj = Lnlj.builder().optRegions(k * k).optUnet(2, 8).build();
      init(lnlj, new Shape(2, 3, size, size));
      NDArray x = manager.randomNormal(new Shape(2, 3, size, size));
      List<LnljRegionWeights.Result> results = new LnljRegionWeights(lnlj).explain(x);
      float[] weights = forwardOutput(lnlj, x, k * k + 1, false);
      for (int i = 0; i < 2; i++) {
        LnljRegionWeights.Result r = results.get(i);
        assertThat(r.grid()).isEqualTo(k);
        assertThat(r.weights()).containsExactly(Arrays.copyOfRange(weights, i * k * k, (i + 1) * k * k), within(1e-6f));
        double sum = 0;
        for (float w : r.weights()) {
          sum += w;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        // the cell of region (row, col) is 16 x 16 pixels starting at (16 row, 16 col)
        assertThat(r.map()[0]).isEqualTo(r.weight(0, 0));
        assertThat(r.map()[(size - 1) * size + 16]).isEqualTo(r.weight(k - 1, 1));
        assertThat(r.map()[size * size - 1]).isEqualTo(r.weight(k - 1, k - 1));
      }
    }
  }

  @Test
  void faerAttentionIsADistributionOverPositionsAndThePredictionMatchesTheModel() {
    Block faer = init(Faer.builder().setVariant("tiny").build(), new Shape(2, 3, 64, 64));
    NDArray x = manager.randomNormal(new Shape(2, 3, 64, 64));
    List<FaerAttentionMap.Result> results = new FaerAttentionMap(faer).explain(x);
    float[] probs = forwardOutput(faer, x, 0, true);
    for (int i = 0; i < 2; i++) {
      FaerAttentionMap.Result r = results.get(i);
      assertThat(r.rawHeight()).isEqualTo(2);
      assertThat(r.rawWidth()).isEqualTo(2);
      double sum = 0;
      for (float v : r.raw()) {
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-5));
      float[] p = Arrays.copyOfRange(probs, i * 7, i * 7 + 7);
      assertThat(r.predictedClass()).isEqualTo(AglfRegionCams.argMax(p));
      assertThat(r.probability()).isCloseTo(p[r.predictedClass()], within(1e-5f));
      assertThat(r.map()).hasSize(64 * 64);
    }
  }

  @Test
  void gcsaStripHasOneMapPerFrameAndTheModelsChannelAttention() {
    GcsaResNet gcsa = GcsaResNet.builder().optFrames(4).optSize(32).build();
    init(gcsa, new Shape(2, 3, 4, 32, 32));
    NDArray clips = manager.randomNormal(new Shape(2, 3, 4, 32, 32));
    List<GcsaClipCams.Result> results = new GcsaClipCams(gcsa, CamMethod.GRAD_CAM).explain(clips, new int[] {-1, 2});
    float[] attention = forwardOutput(gcsa, clips, 4, false);
    float[] probs = forwardOutput(gcsa, clips, 0, true);
    for (int i = 0; i < 2; i++) {
      GcsaClipCams.Result r = results.get(i);
      assertThat(r.frames()).isEqualTo(4);
      assertThat(r.maps()).hasSize(4).allMatch(m -> m.length == 32 * 32);
      assertThat(r.rawHeight()).isEqualTo(2); // stem /4 -> 8, layer2 /2 -> 4, layer3 /2 -> 2
      float max = 0;
      for (float[] m : r.maps()) {
        for (float v : m) {
          assertThat(v).isBetween(0f, 1f);
          max = Math.max(max, v);
        }
      }
      assertThat(max).as("one scale per clip: its maximum is 1").isEqualTo(1f);
      assertThat(r.channelAttention()).hasNumberOfRows(4);
      for (int f = 0; f < 4; f++) {
        int offset = (i * 4 + f) * 256;
        assertThat(r.channelAttention()[f]).containsExactly(Arrays.copyOfRange(attention, offset, offset + 256), within(1e-6f));
      }
      float[] p = Arrays.copyOfRange(probs, i * 7, i * 7 + 7);
      assertThat(r.probability()).isCloseTo(p[r.classIndex()], within(1e-5f));
    }
    assertThat(results.get(0).classIndex()).isEqualTo(AglfRegionCams.argMax(Arrays.copyOfRange(probs, 0, 7)));
    assertThat(results.get(1).classIndex()).isEqualTo(2);
  }

  @Test
  void gcsaStagesAndHeadGiveTheForwardLogits() {
    GcsaResNet gcsa = GcsaResNet.builder().optFrames(3).optSize(32).build();
    init(gcsa, new Shape(1, 3, 3, 32, 32));
    NDArray clip = manager.randomNormal(new Shape(1, 3, 3, 32, 32));
    float[] logits = forwardOutput(gcsa, clip, 0, false);
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = clip.duplicate();
      x.attach(scope);
      float[] staged = ((StagedModel) gcsa).forwardFrom(new ParameterStore(scope, false), -1, x, false).head().toFloatArray();
      assertThat(staged).containsExactly(logits, within(1e-5f));
    }
  }

  @Test
  void gcsaBlockExposesTheChannelFactorItMultipliesWith() {
    int t = 2;
    int c = 8;
    GcsaBlock block = GcsaBlock.builder().setChannels(c).optOptions(new AttentionOptions(2, t, "avg", 3)).build();
    init(block, new Shape(t, c, 3, 3));
    NDArray u = manager.randomUniform(0.5f, 1.5f, new Shape(t, c, 3, 3));
    NDList out = block.forward(new ParameterStore(manager, false), new NDList(u), false);
    assertThat(out).hasSize(3);
    assertThat(out.get(2).getShape()).isEqualTo(new Shape(1, t, c));
    float[] factor = out.get(2).toFloatArray();
    float[] scaled = out.get(0).toFloatArray();
    float[] in = u.toFloatArray();
    for (int f = 0; f < t; f++) {
      for (int ch = 0; ch < c; ch++) {
        int p = (f * c + ch) * 9 + 4;
        assertThat(scaled[p] / in[p]).isCloseTo(factor[f * c + ch], within(1e-4f));
      }
    }
  }
}
