package org.fer4j.models.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.RegionGrid;
import org.fer4j.layers.SpatialPool;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.attention.AttentionOptions;
import org.fer4j.layers.attention.EcaBlock;
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedBlock;
import org.fer4j.models.backbones.ResNetBlock;

/**
 * Attention-guided local feature joint learning (AGLF, seed 001; docs/methods.md#aglf): a shared
 * ResNet trunk, ECA on its output, a 2x2 split into four regions, per-region deeper stages with
 * CBAM in every residual unit and independent weights, one classifier per region, and decision
 * fusion by the sum of the four softmaxes. Layout after MA-Net, Zhao, Liu, Wang, "Learning Deep
 * Global Multi-scale and Local Attention Features for Facial Expression Recognition in the Wild",
 * IEEE TIP 30, 2021 (<a href="https://arxiv.org/abs/2012.14664">arXiv:2012.14664</a>; {@code
 * zengqunzhao/MA-Net:model/manet.py}); ECA from <a
 * href="https://arxiv.org/abs/1910.03151">arXiv:1910.03151</a>, CBAM from <a
 * href="https://arxiv.org/abs/1807.06521">arXiv:1807.06521</a>.
 *
 * <ul>
 *   <li>{@code aglf_resnet50}: conv1 + ResNet-50 layer1 shared (256 x 56 x 56 at 224), ECA k=5, per
 *       region layer2 (4 bottlenecks, s2) and layer3 (6, s2), optionally layer4 (3, s1). 37.2M
 *       parameters at 7 classes (regions about 4 x (1.2M + 7.1M), docs/methods.md#aglf; CBAM and
 *       the trunk add the rest); the seed paper gives no count.
 *   <li>{@code aglf_resnet18}: MA-Net's local branch: conv1 + layer1 + layer2 shared (128 x 28 x
 *       28), ECA k=5, per region layer3 (2 basic blocks, s2) and layer4 (2, s1); 43.0M parameters
 *       at 7 classes (MA-Net's count was not checked against its paper).
 * </ul>
 *
 * <p>Output: {@code [fused, z_1, z_2, z_3, z_4]}, where {@code fused = log(mean_i softmax(z_i))} so
 * that softmax(fused) is the mean of the region softmaxes and its argmax is the seed's prediction.
 * Stages: {@code stem, layer1, [layer2,] eca, regions}; the {@code regions} stage returns the four
 * region maps stitched back into one map (Grad-CAM's default layer).
 */
public final class Aglf extends StagedBlock implements MacCounting {
  private static final RegionGrid QUADRANTS = RegionGrid.builder().setGrid(2).build();

  private final int numClasses;
  private final float dropout;
  private final List<Block> stemBlocks = new ArrayList<>();
  private final List<IndexedSequential> shared = new ArrayList<>();
  private final EcaBlock eca;
  private final List<IndexedSequential> regions = new ArrayList<>();
  private final List<Linear> heads = new ArrayList<>();

  private Aglf(Builder b) {
    super(stageNames(b), "regions", ModelView.AGLF_REGIONS);
    numClasses = b.numClasses;
    dropout = b.dropout;
    boolean bottleneck = b.depth >= 50;
    int[] counts = b.depth >= 50 ? new int[] {3, 4, 6, 3} : new int[] {2, 2, 2, 2};
    int sharedLayers = sharedLayers(b);
    stemBlocks.add(addChildBlock("conv1", TorchLayers.conv2d(b.width, 7, 2, 3, 1, false)));
    stemBlocks.add(addChildBlock("bn1", TorchLayers.batchNorm2d()));
    stemBlocks.add(addChildBlock("relu", Lambda.relu()));
    stemBlocks.add(addChildBlock("maxpool", Lambda.maxPool2d(3, 2, 1)));
    int[] in = {b.width};
    for (int l = 0; l < sharedLayers; l++) {
      shared.add(
          addChildBlock("layer" + (l + 1), layer(bottleneck, in, l, counts[l], "none", 2, b)));
    }
    eca = addChildBlock("eca", EcaBlock.builder().setChannels(in[0]).build());
    int lastLayer = bottleneck && !b.layer4 ? 3 : 4;
    int trunkOut = in[0];
    for (int r = 0; r < QUADRANTS.count(); r++) {
      int[] rin = {trunkOut};
      IndexedSequential region = new IndexedSequential();
      for (int l = sharedLayers; l < lastLayer; l++) {
        int stride = l == 3 ? 1 : 2; // MA-Net's local layer4 keeps the resolution
        region.add(layer(bottleneck, rin, l, counts[l], "cbam", stride, b));
      }
      regions.add(addChildBlock("region" + r, region));
      in[0] = rin[0];
    }
    for (int r = 0; r < QUADRANTS.count(); r++) {
      Linear fc = addChildBlock("fc" + r, TorchLayers.linear(in[0], numClasses));
      heads.add(fc);
    }
  }

  /** One ResNet layer (index l) of {@code count} units; updates {@code in[0]} to its output. */
  private static IndexedSequential layer(
      boolean bottleneck, int[] in, int l, int count, String key, int firstStride, Builder b) {
    IndexedSequential seq = new IndexedSequential();
    for (int i = 0; i < count; i++) {
      int stride = (i == 0 && l > 0) ? firstStride : 1;
      ResNetBlock.Kind kind =
          bottleneck ? ResNetBlock.Kind.BOTTLENECK : ResNetBlock.Kind.BASIC_BLOCK;
      ResNetBlock block =
          ResNetBlock.of(kind, in[0], b.width << l, stride, new ResNetBlock.Attention(key, b.options));
      seq.add(block);
      in[0] = block.outChannels();
    }
    return seq;
  }

  /** stem, the shared layers (layer1, and layer2 for the basic-block depths), eca, regions. */
  private static List<String> stageNames(Builder b) {
    List<String> names = new ArrayList<>(List.of("stem"));
    for (int l = 0; l < sharedLayers(b); l++) {
      names.add("layer" + (l + 1));
    }
    names.addAll(List.of("eca", "regions"));
    return names;
  }

  private static int sharedLayers(Builder b) {
    return b.depth >= 50 ? 1 : 2;
  }

  /** Four: the 2x2 regions, each with its own deeper stages and head. */
  @Override
  public int regions() {
    return QUADRANTS.count();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    String name = stageNames().get(stage);
    if ("stem".equals(name)) {
      NDArray y = x;
      for (Block b : stemBlocks) {
        y = BlockCalls.forward(b, ps, y, training);
      }
      return y;
    }
    if ("eca".equals(name)) {
      return BlockCalls.forward(eca, ps, x, training);
    }
    if ("regions".equals(name)) {
      NDList parts = split(x);
      NDList outs = new NDList();
      for (int r = 0; r < parts.size(); r++) {
        outs.add(BlockCalls.forward(regions.get(r), ps, parts.get(r), training));
      }
      return QUADRANTS.merge(outs);
    }
    return BlockCalls.forward(shared.get(stage - 1), ps, x, training);
  }

  private static NDList split(NDArray x) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    if (!QUADRANTS.tiles(h, w)) {
      throw FerException.badInput(
          "AGLF splits the trunk's "
              + h
              + "x"
              + w
              + " map into 2x2 quadrants and needs even sides; use an input size divisible by 16");
    }
    return QUADRANTS.split(x);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray merged, boolean training) {
    NDList parts = QUADRANTS.split(merged);
    NDList logits = new NDList();
    for (int r = 0; r < parts.size(); r++) {
      NDArray f = SpatialPool.mean(parts.get(r), false);
      f = dropout > 0 ? Dropout.dropout(f, dropout, training).head() : f;
      logits.add(BlockCalls.forward(heads.get(r), ps, f, training));
    }
    NDArray meanProb =
        NDArrays.stack(new NDList(logits.stream().map(z -> z.softmax(-1)).toList()))
            .mean(new int[] {0});
    NDList out = new NDList(meanProb.log());
    out.addAll(logits);
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (Block b : stemBlocks) {
      cur = BlockCalls.initialize(b, manager, dataType, cur);
    }
    for (IndexedSequential s : shared) {
      cur = BlockCalls.initialize(s, manager, dataType, cur);
    }
    cur = BlockCalls.initialize(eca, manager, dataType, cur);
    Shape part = new Shape(cur.get(0), cur.get(1), cur.get(2) / 2, cur.get(3) / 2);
    Shape regionOut = part;
    for (IndexedSequential r : regions) {
      regionOut = BlockCalls.initialize(r, manager, dataType, part);
    }
    for (Linear fc : heads) {
      fc.initialize(manager, dataType, new Shape(cur.get(0), regionOut.get(1)));
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape logits = new Shape(inputShapes[0].get(0), numClasses);
    return new Shape[] {logits, logits, logits, logits, logits};
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape cur = inputShapes[0];
    long total = 0;
    for (Block b : stemBlocks) {
      total += MacCounter.count(b, cur);
      cur = BlockCalls.outputShape(b, cur);
    }
    for (IndexedSequential s : shared) {
      total += MacCounter.count(s, cur);
      cur = BlockCalls.outputShape(s, cur);
    }
    total += MacCounter.count(eca, cur);
    Shape part = new Shape(cur.get(0), cur.get(1), cur.get(2) / 2, cur.get(3) / 2);
    for (int r = 0; r < regions.size(); r++) {
      total += MacCounter.count(regions.get(r), part);
      Shape out = BlockCalls.outputShape(regions.get(r), part);
      total += MacCounter.count(heads.get(r), new Shape(out.get(0), out.get(1)));
    }
    return total;
  }

  /**
   * Builder: {@code setDepth} (18 or 50) required; classes, dropout, layer4, width, CBAM r
   * optional.
   */
  public static final class Builder {
    private int depth;
    private int numClasses = 7;
    private float dropout = 0.5f;
    private boolean layer4;
    private int width = 64;
    private AttentionOptions options = AttentionOptions.defaults();

    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    /** Dropout before each region classifier (docs/methods.md#aglf: GAP, dropout, Linear); 0.5. */
    public Builder optDropout(float dropout) {
      this.dropout = dropout;
      return this;
    }

    /** ResNet-50 only: add a stride-1 layer4 per region (adds 4 x 15M parameters). */
    public Builder optLayer4(boolean layer4) {
      this.layer4 = layer4;
      return this;
    }

    /**
     * Channels of the stem and of layer1 (ResNet's 64); every later layer doubles it. A narrower
     * AGLF keeps the seed's layout (shared trunk, ECA, four CBAM region branches, fused softmaxes)
     * at about width^2 / 64^2 of the parameters and multiply-adds, which is what lets it learn
     * from scratch in the few minutes of the CPU demo (docs/synthfer.md, "The demo").
     */
    public Builder optWidth(int width) {
      this.width = width;
      return this;
    }

    public Builder optOptions(AttentionOptions options) {
      this.options = options;
      return this;
    }

    public Aglf build() {
      if ((depth != 18 && depth != 50)
          || numClasses < 1
          || dropout < 0
          || dropout >= 1
          || width < 8
          || width % 8 != 0) {
        throw FerException.badInput(
            "AGLF needs depth 18 or 50, numClasses >= 1, dropout in [0, 1) and a width that is a"
                + " multiple of 8 (>= 8); got depth="
                + depth
                + " width="
                + width
                + " numClasses="
                + numClasses
                + " dropout="
                + dropout);
      }
      return new Aglf(this);
    }
  }
}
