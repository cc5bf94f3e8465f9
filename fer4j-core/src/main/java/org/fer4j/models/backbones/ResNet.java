package org.fer4j.models.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
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
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedBlock;

/**
 * ResNet exactly as torchvision builds it ({@code torchvision/models/resnet.py}): same layers, same
 * parameter names (children named {@code conv1, bn1, relu, maxpool, layer1..layer4, avgpool, fc}),
 * same initialisation (Kaiming normal fan-out for convolutions, BatchNorm weight 1 and bias 0,
 * PyTorch's default for the classifier), so torchvision weights load one to one.
 *
 * <p>Stages: {@code stem} (conv1, bn1, relu, maxpool), {@code layer1} ... {@code layer4}; head:
 * global average pooling and {@code fc}. Any input of at least 32x32 works, square or not.
 *
 * <p>{@link Builder#optAttention} puts an attention block chosen by {@link
 * org.fer4j.layers.attention.AttentionFactory} key on every residual unit's branch (child {@code
 * attn}, see {@link ResNetBlock}); the registry's {@code se_resnet18} (Hu et al., <a
 * href="https://arxiv.org/abs/1709.01507">arXiv:1709.01507</a>), {@code eca_resnet18} (Wang et al.,
 * <a href="https://arxiv.org/abs/1910.03151">arXiv:1910.03151</a>) and {@code cbam_resnet18} (Woo
 * et al., <a href="https://arxiv.org/abs/1807.06521">arXiv:1807.06521</a>) are built this way: the
 * attention ablations of the seed papers as plain classifiers. At 7 classes SE adds {@code 2 C^2/16
 * + C/16 + C} per unit and ECA one small 1-D kernel per unit to ResNet-18's 11.18M; SE-ResNet-50 in
 * the SE paper has 28.1M at 1000 classes.
 *
 * @see <a href="https://arxiv.org/abs/1512.03385">He et al., Deep Residual Learning for Image
 *     Recognition</a>
 */
public final class ResNet extends StagedBlock implements MacCounting {
  private static final List<String> STAGES =
      List.of("stem", "layer1", "layer2", "layer3", "layer4");
  private static final Map<Integer, int[]> BLOCKS_PER_LAYER =
      Map.of(
          18,
          new int[] {2, 2, 2, 2},
          34,
          new int[] {3, 4, 6, 3},
          50,
          new int[] {3, 4, 6, 3},
          101,
          new int[] {3, 4, 23, 3},
          152,
          new int[] {3, 8, 36, 3});

  private final int depth;
  private final int numClasses;
  private final int numFeatures;
  private final Block conv1;
  private final Block bn1;
  private final Block relu;
  private final Block maxpool;
  private final IndexedSequential[] layers = new IndexedSequential[4];
  private final Block avgpool;
  private final Block flatten = Lambda.flatten();
  private final Linear fc;

  private ResNet(Builder builder) {
    super(STAGES, "layer4", ModelView.NONE);
    depth = builder.depth;
    numClasses = builder.numClasses;
    boolean bottleneck = depth >= 50;
    ResNetBlock.Kind kind = bottleneck ? ResNetBlock.Kind.BOTTLENECK : ResNetBlock.Kind.BASIC_BLOCK;
    int expansion = bottleneck ? ResNetBlock.BOTTLENECK_EXPANSION : 1;
    conv1 = addChildBlock("conv1", TorchLayers.conv2d(64, 7, 2, 3, 1, false));
    bn1 = addChildBlock("bn1", TorchLayers.batchNorm2d());
    relu = addChildBlock("relu", Lambda.relu());
    maxpool = addChildBlock("maxpool", Lambda.maxPool2d(3, 2, 1));
    int inChannels = 64;
    int[] counts = BLOCKS_PER_LAYER.get(depth);
    for (int l = 0; l < 4; l++) {
      int planes = 64 << l;
      IndexedSequential layer = new IndexedSequential();
      for (int b = 0; b < counts[l]; b++) {
        int stride = (b == 0 && l > 0) ? 2 : 1;
        layer.add(ResNetBlock.of(kind, inChannels, planes, stride, builder.attention));
        inChannels = planes * expansion;
      }
      layers[l] = addChildBlock("layer" + (l + 1), layer);
    }
    numFeatures = inChannels;
    avgpool = addChildBlock("avgpool", Lambda.adaptiveAvgPool1x1());
    fc = addChildBlock("fc", TorchLayers.linear(numFeatures, numClasses));
    TorchLayers.initialize(this, Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
  }

  /** A builder: {@code ResNet.builder().setDepth(18).optNumClasses(7).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** 18, 34, 50, 101 or 152. */
  public int depth() {
    return depth;
  }

  /** Channels of the last stage's output (512 for ResNet-18/34, 2048 for ResNet-50). */
  public int numFeatures() {
    return numFeatures;
  }

  /**
   * torchvision's {@code layer1} ... {@code layer4} (1-based, as named), e.g. to attach attention
   * to every residual block of a stage.
   */
  public IndexedSequential layer(int number) {
    if (number < 1 || number > layers.length) {
      throw FerException.badInput("ResNet has layer1 to layer4, not layer" + number);
    }
    return layers[number - 1];
  }

  /** Size of the classifier. */
  public int numClasses() {
    return numClasses;
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    if (stage == 0) {
      NDArray y = BlockCalls.forward(conv1, ps, x, training);
      y = BlockCalls.forward(bn1, ps, y, training);
      y = BlockCalls.forward(relu, ps, y, training);
      return BlockCalls.forward(maxpool, ps, y, training);
    }
    return BlockCalls.forward(layers[stage - 1], ps, x, training);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray lastStageOutput, boolean training) {
    NDArray pooled = BlockCalls.forward(avgpool, ps, lastStageOutput, training);
    NDArray flat = BlockCalls.forward(flatten, ps, pooled, training);
    return new NDList(BlockCalls.forward(fc, ps, flat, training));
  }

  /** The blocks in execution order; {@code flatten} is not a child (PyTorch calls a function). */
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

  /** Builds a {@link ResNet}; {@code setDepth} is required. */
  public static final class Builder {
    private int depth;
    private int numClasses = 1000;
    private ResNetBlock.Attention attention = ResNetBlock.Attention.NONE;

    private Builder() {}

    /** Attention on every residual unit (default none: torchvision's ResNet). */
    public Builder optAttention(ResNetBlock.Attention attention) {
      this.attention = attention;
      return this;
    }

    /** Network depth: 18, 34 (BasicBlock), 50, 101 or 152 (Bottleneck). */
    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    /** Size of the classifier (default 1000, ImageNet). */
    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    /** Validates the settings and builds the (uninitialised) block. */
    public ResNet build() {
      if (!BLOCKS_PER_LAYER.containsKey(depth)) {
        throw FerException.badInput(
            "ResNet depth must be one of "
                + new java.util.TreeSet<>(BLOCKS_PER_LAYER.keySet())
                + ", was "
                + depth
                + " (set it with setDepth)");
      }
      if (numClasses < 1) {
        throw FerException.badInput("ResNet numClasses must be >= 1, was " + numClasses);
      }
      if (attention == null
          || !org.fer4j.layers.attention.AttentionFactory.KEYS.contains(attention.key())) {
        throw FerException.badInput(
            "ResNet attention must be one of "
                + org.fer4j.layers.attention.AttentionFactory.KEYS
                + ", was "
                + (attention == null ? null : attention.key()));
      }
      return new ResNet(this);
    }
  }
}
