package org.fer4j.models.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Locale;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.SpatialPool;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.attention.ContextualChannelBlock;
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedBlock;
import org.fer4j.models.backbones.ConvNeXt;
import org.fer4j.models.backbones.ConvNeXtBlock;
import org.fer4j.models.backbones.ConvNeXtConfig;

/**
 * FAER (seed 002): ConvNeXt with Contextual Channel Attention after the last stage and heads for
 * expressions and for the 40 CelebA attributes. Xu et al., Journal of Computer Applications
 * 45(1):253-260, 2025, DOI 10.11772/j.issn.1001-9081.2024010098 ({@code
 * XUJ1Er/FAER:FaceAttribute/FAER/models/convnext.py}); ConvNeXt: Liu et al., <a
 * href="https://arxiv.org/abs/2201.03545">arXiv:2201.03545</a>.
 *
 * <p>The trunk is torchvision's ConvNeXt {@code features}, built by {@link ConvNeXt#buildFeatures}
 * (same names, so ImageNet weights load),
 * then {@link ContextualChannelBlock CC attention}; the pooled feature {@code f = mean_HW} feeds
 * the center loss; each head is {@code Linear(LayerNorm(f))} (eps 1e-6). Option {@code heads}:
 * {@code expression} gives {@code [logits, f]}, {@code attributes} gives {@code [attribute logits,
 * f]}, {@code joint} gives {@code [logits, attribute logits, f]}.
 *
 * <p>Parameters at 7 classes (measured with {@link org.fer4j.models.Complexity}): {@code
 * faer_convnext_base} 101.7M, of which ConvNeXt-Base's trunk is 87.6M and CC attention 14.2M (12.8M
 * of it the 7x7 convolution with only 4 groups); {@code faer_convnext_tiny} 35.8M. The FAER paper
 * reports no parameter count.
 */
public final class Faer extends StagedBlock implements MacCounting {
  /** The heads a FAER model can carry. */
  public static final List<String> HEAD_MODES = List.of("expression", "attributes", "joint");

  private static final List<String> STAGES =
      List.of("stem", "stage1", "stage2", "stage3", "stage4", "attention");

  private final IndexedSequential features;
  private final ContextualChannelBlock attention;
  private final LayerNorm norm;
  private final Linear head;
  private final Linear attrHead;
  private final int numClasses;
  private final int numAttributes;
  private final int width;

  private Faer(Builder b) {
    super(STAGES, "attention", ModelView.FAER_ATTENTION);
    numClasses = b.numClasses;
    numAttributes = b.numAttributes;
    ConvNeXtConfig config = ConvNeXtConfig.variant(b.variant).withStochasticDepthProb(b.dropPath);
    features = ConvNeXt.buildFeatures(config);
    int[] dims = config.dims();
    float eps = ConvNeXtBlock.LAYER_NORM_EPS;
    width = dims[dims.length - 1];
    addChildBlock("features", features);
    attention =
        addChildBlock("attention", ContextualChannelBlock.builder().setChannels(width).build());
    norm = addChildBlock("norm", LayerNorm.builder().axis(1).optEpsilon(eps).build());
    head =
        "attributes".equals(b.heads) ? null : addChildBlock("head", TorchLayers.linear(numClasses));
    attrHead =
        "expression".equals(b.heads)
            ? null
            : addChildBlock("attr_head", TorchLayers.linear(numAttributes));
    ConvNeXt.initializeLikeTorchvision(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Width of the pooled feature (768 for Tiny, 1024 for Base). */
  public int featureDim() {
    return width;
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    if (stage == 5) {
      return BlockCalls.forward(attention, ps, x, training);
    }
    return ConvNeXt.forwardFeatureStage(features, ps, stage, x, training);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray last, boolean training) {
    NDArray f = SpatialPool.mean(last, false);
    NDArray normed = BlockCalls.forward(norm, ps, f, training);
    NDList out = new NDList();
    if (head != null) {
      out.add(BlockCalls.forward(head, ps, normed, training));
    }
    if (attrHead != null) {
      out.add(BlockCalls.forward(attrHead, ps, normed, training));
    }
    out.add(f);
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = BlockCalls.initialize(features, manager, dataType, inputShapes[0]);
    attention.initialize(manager, dataType, cur);
    Shape pooled = new Shape(cur.get(0), cur.get(1));
    norm.initialize(manager, dataType, pooled);
    if (head != null) {
      head.initialize(manager, dataType, pooled);
    }
    if (attrHead != null) {
      attrHead.initialize(manager, dataType, pooled);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    List<Shape> out = new java.util.ArrayList<>();
    if (head != null) {
      out.add(new Shape(n, numClasses));
    }
    if (attrHead != null) {
      out.add(new Shape(n, numAttributes));
    }
    out.add(new Shape(n, width));
    return out.toArray(new Shape[0]);
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape cur = BlockCalls.outputShape(features, inputShapes[0]);
    long total = MacCounter.count(features, inputShapes[0]) + MacCounter.count(attention, cur);
    long heads = (head == null ? 0 : numClasses) + (attrHead == null ? 0 : numAttributes);
    return total + cur.get(0) * width * heads;
  }

  /** Builder: {@code setVariant} (tiny, small, base, large) required; the rest optional. */
  public static final class Builder {
    private String variant;
    private int numClasses = 7;
    private int numAttributes = 40;
    private String heads = "expression";
    private double dropPath;

    public Builder setVariant(String variant) {
      this.variant = variant;
      return this;
    }

    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    public Builder optNumAttributes(int numAttributes) {
      this.numAttributes = numAttributes;
      return this;
    }

    /** {@code expression}, {@code attributes} or {@code joint}. */
    public Builder optHeads(String heads) {
      this.heads = heads == null ? null : heads.toLowerCase(Locale.ROOT);
      return this;
    }

    /** Stochastic depth rate (FAER trains Base with 0.25). */
    public Builder optDropPath(double dropPath) {
      this.dropPath = dropPath;
      return this;
    }

    public Faer build() {
      if (variant == null || !ConvNeXtConfig.VARIANTS.contains(variant)) {
        throw FerException.badInput(
            "FAER variant must be one of " + ConvNeXtConfig.VARIANTS + ", was " + variant);
      }
      if (!HEAD_MODES.contains(heads)) {
        throw FerException.badInput("FAER option heads was '" + heads + "'; valid: " + HEAD_MODES);
      }
      if (numClasses < 1 || numAttributes < 1 || dropPath < 0 || dropPath >= 1) {
        throw FerException.badInput(
            "FAER needs numClasses, numAttributes >= 1 and dropPath in"
                + " [0, 1); got "
                + numClasses
                + ", "
                + numAttributes
                + ", "
                + dropPath);
      }
      return new Faer(this);
    }
  }
}
