package org.fer4j.models.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.LayerNorm2d;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.TorchLayers;
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedBlock;

/**
 * ConvNeXt exactly as torchvision builds it ({@code torchvision/models/convnext.py}): {@code
 * features} = stem (4x4 stride-4 convolution + LayerNorm2d), then per stage a chain of {@link
 * ConvNeXtBlock}s, with a LayerNorm2d + 2x2 stride-2 convolution down-sampling layer between
 * stages; head {@code avgpool} + {@code classifier} (LayerNorm2d, flatten, Linear). Parameter names
 * and initialisation (truncated normal 0.02 for convolutions and linears, zero biases) follow
 * torchvision; the stochastic depth probability rises linearly from 0 at the first block to the
 * configured value at the last.
 *
 * <p>Stages for {@link StagedModel}: {@code stem} = features.0, {@code stage1} = features.1, {@code
 * stage2} = features.2+3, {@code stage3} = features.4+5, {@code stage4} = features.6+7. Inputs of
 * at least 32x32 work, square or not.
 *
 * @see <a href="https://arxiv.org/abs/2201.03545">Liu et al., A ConvNet for the 2020s</a>
 */
public final class ConvNeXt extends StagedBlock implements MacCounting {
  private static final List<String> STAGES =
      List.of("stem", "stage1", "stage2", "stage3", "stage4");

  private final ConvNeXtConfig config;
  private final int numClasses;
  private final IndexedSequential features;
  private final Lambda avgpool = Lambda.adaptiveAvgPool1x1();
  private final IndexedSequential classifier = new IndexedSequential();

  private ConvNeXt(ConvNeXtConfig config, int numClasses) {
    super(STAGES, "stage4", ModelView.NONE);
    this.config = config;
    this.numClasses = numClasses;
    features = buildFeatures(config);
    int last = numFeatures();
    classifier.addAll(
        new LayerNorm2d(last, ConvNeXtBlock.LAYER_NORM_EPS),
        Lambda.flatten(),
        TorchLayers.linear(numClasses));
    addChildBlock("features", features);
    addChildBlock("avgpool", avgpool);
    addChildBlock("classifier", classifier);
    initializeLikeTorchvision(this);
  }

  /**
   * torchvision's {@code features} for {@code config}: stem, then each stage's {@link
   * ConvNeXtBlock}s (stochastic depth rising linearly from 0 at the first block to the configured
   * value at the last) and the down-sampling layer after every stage but the last. Other models
   * with a ConvNeXt trunk (FAER) build theirs here, so the parameter names stay torchvision's.
   */
  public static IndexedSequential buildFeatures(ConvNeXtConfig config) {
    int[] dims = config.dims();
    int[] depths = config.depths();
    float eps = ConvNeXtBlock.LAYER_NORM_EPS;
    IndexedSequential features = new IndexedSequential();
    features.add(
        new IndexedSequential()
            .addAll(TorchLayers.conv2d(dims[0], 4, 4, 0, 1, true), new LayerNorm2d(dims[0], eps)));
    int totalBlocks = java.util.Arrays.stream(depths).sum();
    int blockId = 0;
    for (int s = 0; s < depths.length; s++) {
      IndexedSequential stage = new IndexedSequential();
      for (int b = 0; b < depths[s]; b++, blockId++) {
        // torchvision: sd_prob = stochastic_depth_prob * stage_block_id / (total_blocks - 1)
        float prob =
            totalBlocks > 1
                ? (float) (config.stochasticDepthProb() * blockId / (totalBlocks - 1.0))
                : 0f;
        stage.add(new ConvNeXtBlock(dims[s], config.layerScale(), prob));
      }
      features.add(stage);
      if (s + 1 < depths.length) {
        features.add(
            new IndexedSequential()
                .addAll(
                    new LayerNorm2d(dims[s], eps),
                    TorchLayers.conv2d(dims[s + 1], 2, 2, 0, 1, true)));
      }
    }
    return features;
  }

  /** torchvision's ConvNeXt initialisation: truncated normal 0.02 weights, zero biases. */
  public static void initializeLikeTorchvision(ai.djl.nn.Block root) {
    for (Class<? extends ai.djl.nn.Block> type : List.of(Conv2d.class, Linear.class)) {
      TorchLayers.initialize(root, type, "weight", TorchLayers.truncNormal(0.02f));
      TorchLayers.initialize(root, type, "bias", ai.djl.training.initializer.Initializer.ZEROS);
    }
  }

  /**
   * Runs stage {@code stage} ({@code stem}=0, {@code stage1}=1, ...) of a {@link #buildFeatures}
   * sequence.
   */
  public static NDArray forwardFeatureStage(
      IndexedSequential features, ParameterStore ps, int stage, NDArray x, boolean training) {
    return features.forwardRange(ps, x, training, firstFeature(stage), firstFeature(stage + 1));
  }

  /** A builder: {@code ConvNeXt.builder().setVariant("tiny").optNumClasses(7).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Depths, widths, layer scale and stochastic depth this network was built with. */
  public ConvNeXtConfig config() {
    return config;
  }

  /** Channels of the last stage's output (768 for Tiny, 1024 for Base). */
  public int numFeatures() {
    return config.dims()[config.dims().length - 1];
  }

  /** torchvision's {@code features}: stem, stages and down-sampling layers at their indices. */
  public IndexedSequential features() {
    return features;
  }

  /** Size of the classifier. */
  public int numClasses() {
    return numClasses;
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    return forwardFeatureStage(features, ps, stage, x, training);
  }

  /** Index in {@code features} where a stage starts: stem 0, stage1 1, stage2 2, stage3 4, ... */
  private static int firstFeature(int stage) {
    return stage <= 1 ? stage : 2 * stage - 2;
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray lastStageOutput, boolean training) {
    NDArray pooled = BlockCalls.forward(avgpool, ps, lastStageOutput, training);
    return new NDList(BlockCalls.forward(classifier, ps, pooled, training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = BlockCalls.initialize(features, manager, dataType, inputShapes[0]);
    cur = BlockCalls.initialize(avgpool, manager, dataType, cur);
    classifier.initialize(manager, dataType, cur);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape afterFeatures = BlockCalls.outputShape(features, inputShapes[0]);
    Shape pooled = BlockCalls.outputShape(avgpool, afterFeatures);
    return MacCounter.count(features, inputShapes[0]) + MacCounter.count(classifier, pooled);
  }

  /** Builds a {@link ConvNeXt}; {@code setVariant} (or {@code setConfig}) is required. */
  public static final class Builder {
    private ConvNeXtConfig config;
    private int numClasses = 1000;
    private Float stochasticDepthProb;

    private Builder() {}

    /** One of torchvision's sizes: tiny, small, base, large. */
    public Builder setVariant(String variant) {
      this.config = ConvNeXtConfig.variant(variant);
      return this;
    }

    /** Any depths and widths. */
    public Builder setConfig(ConvNeXtConfig config) {
      this.config = config;
      return this;
    }

    /** Size of the classifier (default 1000, ImageNet). */
    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    /** Overrides the variant's stochastic depth probability of the last block (0 disables it). */
    public Builder optStochasticDepthProb(float prob) {
      this.stochasticDepthProb = prob;
      return this;
    }

    /** Validates the settings and builds the (uninitialised) block. */
    public ConvNeXt build() {
      if (config == null) {
        throw org.fer4j.FerException.badInput(
            "ConvNeXt needs setVariant(" + ConvNeXtConfig.VARIANTS + ") or setConfig(...)");
      }
      if (numClasses < 1) {
        throw org.fer4j.FerException.badInput(
            "ConvNeXt numClasses must be >= 1, was " + numClasses);
      }
      ConvNeXtConfig c =
          stochasticDepthProb == null
              ? config
              : config.withStochasticDepthProb(stochasticDepthProb);
      return new ConvNeXt(c, numClasses);
    }
  }
}
