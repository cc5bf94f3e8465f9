package org.fer4j.models.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.attention.AttentionOptions;
import org.fer4j.models.StagedModel;

/**
 * A torchvision-layout ResNet whose residual units carry an attention block chosen by key ({@link
 * org.fer4j.layers.attention.AttentionFactory}): {@code se_resnet18} (Hu et al., <a
 * href="https://arxiv.org/abs/1709.01507">arXiv:1709.01507</a>), {@code eca_resnet18} (Wang et al.,
 * <a href="https://arxiv.org/abs/1910.03151">arXiv:1910.03151</a>), {@code cbam_resnet18} (Woo et
 * al., <a href="https://arxiv.org/abs/1807.06521">arXiv:1807.06521</a>). These are the attention
 * ablations of the seed papers as plain classifiers. Parameter counts at 7 classes: SE adds about 2
 * C^2/16 per block and ECA a handful of weights to ResNet-18's 11.18M; SE-ResNet-50 in the SE paper
 * has 28.1M at 1000 classes.
 *
 * <p>Stages {@code stem, layer1..layer4}; head: global average pooling and {@code fc}.
 */
public final class AttentionResNet extends AbstractBlock implements StagedModel, MacCounting {
  private static final List<String> STAGES =
      List.of("stem", "layer1", "layer2", "layer3", "layer4");
  private static final Map<Integer, int[]> BLOCKS =
      Map.of(18, new int[] {2, 2, 2, 2}, 34, new int[] {3, 4, 6, 3}, 50, new int[] {3, 4, 6, 3});

  private final int numClasses;
  private final Block conv1;
  private final Block bn1;
  private final Block relu = Lambda.relu();
  private final Block maxpool = Lambda.maxPool2d(3, 2, 1);
  private final IndexedSequential[] layers = new IndexedSequential[4];
  private final Block avgpool = Lambda.adaptiveAvgPool1x1();
  private final Block flatten = Lambda.flatten();
  private final Linear fc;

  private AttentionResNet(Builder b) {
    numClasses = b.numClasses;
    conv1 = addChildBlock("conv1", TorchLayers.conv2d(64, 7, 2, 3, 1, false));
    bn1 = addChildBlock("bn1", TorchLayers.batchNorm2d());
    addChildBlock("relu", relu);
    addChildBlock("maxpool", maxpool);
    boolean bottleneck = b.depth >= 50;
    int in = 64;
    int[] counts = BLOCKS.get(b.depth);
    for (int l = 0; l < 4; l++) {
      layers[l] = new IndexedSequential();
      for (int i = 0; i < counts[l]; i++) {
        int stride = (i == 0 && l > 0) ? 2 : 1;
        AttentiveResBlock block =
            bottleneck
                ? AttentiveResBlock.bottleneck(in, 64 << l, stride, b.attention, b.options)
                : AttentiveResBlock.basic(in, 64 << l, stride, b.attention, b.options);
        layers[l].add(block);
        in = (int) block.outChannels();
      }
      addChildBlock("layer" + (l + 1), layers[l]);
    }
    addChildBlock("avgpool", avgpool);
    fc = addChildBlock("fc", TorchLayers.linear(numClasses));
    TorchLayers.initialize(
        this, ai.djl.nn.convolutional.Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
    fc.setInitializer(TorchLayers.linearDefaultWeight(), "weight");
    fc.setInitializer(TorchLayers.linearDefaultBias(in), "bias");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<String> stageNames() {
    return STAGES;
  }

  @Override
  public String camLayer() {
    return "layer4";
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    if (stage == 0) {
      NDArray y = BlockCalls.forward(bn1, ps, BlockCalls.forward(conv1, ps, x, training), training);
      return BlockCalls.forward(maxpool, ps, BlockCalls.forward(relu, ps, y, training), training);
    }
    return BlockCalls.forward(layers[stage - 1], ps, x, training);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray last, boolean training) {
    NDArray pooled =
        BlockCalls.forward(flatten, ps, BlockCalls.forward(avgpool, ps, last, training), training);
    return new NDList(BlockCalls.forward(fc, ps, pooled, training));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return forwardFrom(ps, -1, inputs.head(), training);
  }

  private List<Block> executionOrder() {
    return List.of(
        conv1, bn1, relu, maxpool, layers[0], layers[1], layers[2], layers[3], avgpool, flatten,
        fc);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (Block b : executionOrder()) {
      cur = BlockCalls.initialize(b, manager, dataType, cur);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape cur = inputShapes[0];
    long total = 0;
    for (Block b : executionOrder()) {
      total += MacCounter.count(b, cur);
      cur = BlockCalls.outputShape(b, cur);
    }
    return total;
  }

  /** Builder: {@code setDepth} and {@code setAttention} required; classes (7), options optional. */
  public static final class Builder {
    private int depth;
    private String attention;
    private int numClasses = 7;
    private AttentionOptions options = AttentionOptions.defaults();

    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    /** An {@link org.fer4j.layers.attention.AttentionFactory} key. */
    public Builder setAttention(String attention) {
      this.attention = attention;
      return this;
    }

    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    public Builder optOptions(AttentionOptions options) {
      this.options = options;
      return this;
    }

    public AttentionResNet build() {
      if (!BLOCKS.containsKey(depth) || attention == null || numClasses < 1) {
        throw FerException.badInput(
            "AttentionResNet needs depth in "
                + BLOCKS.keySet()
                + ", an attention key and numClasses >= 1; got depth="
                + depth
                + " attention="
                + attention
                + " numClasses="
                + numClasses);
      }
      return new AttentionResNet(this);
    }
  }
}
