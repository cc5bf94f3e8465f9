package org.fer4j.models.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.attention.AttentionFactory;
import org.fer4j.layers.attention.AttentionOptions;

/**
 * torchvision's residual units ({@code torchvision/models/resnet.py}): {@link #basic BasicBlock}
 * (two 3x3 convolutions) and {@link #bottleneck Bottleneck} (1x1, 3x3, 1x1 with 4x expansion, the
 * stride on the 3x3 convolution: "ResNet V1.5"). Children carry torchvision's attribute names
 * ({@code conv1, bn1, ..., relu, downsample.0, downsample.1}).
 *
 * <p>Optionally an attention block chosen by {@link AttentionFactory} key sits on the residual
 * branch, after the last BatchNorm and before the skip addition, as child {@code attn}: where
 * SE-Net, CBAM (MA-Net's AttentionBlock) and GCA put theirs. Extra outputs of the attention block
 * (GCSA's auxiliary logits) follow the feature map in the forward output.
 *
 * @see <a href="https://arxiv.org/abs/1512.03385">He et al., Deep Residual Learning for Image
 *     Recognition</a>
 */
public final class ResNetBlock extends AbstractBlock implements MacCounting {
  /** Output channels of a Bottleneck are 4 x its width. */
  public static final int BOTTLENECK_EXPANSION = 4;

  /** The two residual unit designs of torchvision's ResNet. */
  public enum Kind {
    /** Two 3x3 convolutions (ResNet-18/34). */
    BASIC_BLOCK,
    /** 1x1, 3x3, 1x1 convolutions with 4x expansion (ResNet-50 and deeper). */
    BOTTLENECK
  }

  private final Kind kind;
  private final List<Block> convs = new ArrayList<>();
  private final List<Block> norms = new ArrayList<>();
  private final Block relu = Lambda.relu();
  private final Block attention;
  private final IndexedSequential downsample;
  private final int outChannels;

  private ResNetBlock(
      Kind kind,
      int[] widths,
      int[] kernels,
      int strideIndex,
      int stride,
      boolean needsDownsample,
      Attention attn) {
    this.kind = kind;
    for (int i = 0; i < widths.length; i++) {
      int k = kernels[i];
      Block conv = TorchLayers.conv2d(widths[i], k, i == strideIndex ? stride : 1, k / 2, 1, false);
      convs.add(addChildBlock("conv" + (i + 1), conv));
      norms.add(addChildBlock("bn" + (i + 1), TorchLayers.batchNorm2d()));
    }
    outChannels = widths[widths.length - 1];
    attention = AttentionFactory.create(attn.key(), outChannels, attn.options()).orElse(null);
    if (attention != null) {
      addChildBlock("attn", attention);
    }
    // Parameter-free, so its position among the children changes no parameter name or order.
    addChildBlock("relu", relu);
    downsample =
        needsDownsample
            ? new IndexedSequential()
                .addAll(
                    TorchLayers.conv2d(outChannels, 1, stride, 0, 1, false),
                    TorchLayers.batchNorm2d())
            : null;
    if (downsample != null) {
      addChildBlock("downsample", downsample);
    }
    // torchvision's initialisation, also for convolutions inside the attention block
    TorchLayers.initialize(this, Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
  }

  /**
   * The attention on a unit's residual branch: an {@link AttentionFactory} key and its options.
   *
   * @param key one of {@link AttentionFactory#KEYS}; {@code none} for a plain unit
   * @param options reduction ratio and the other attention settings
   */
  public record Attention(String key, AttentionOptions options) {
    /** No attention: torchvision's plain unit. */
    public static final Attention NONE = new Attention("none", AttentionOptions.defaults());
  }

  /** torchvision's {@code BasicBlock(inplanes, planes, stride)}: two 3x3 convolutions. */
  public static ResNetBlock basic(int inChannels, int planes, int stride) {
    return basic(inChannels, planes, stride, Attention.NONE);
  }

  /** A BasicBlock with {@code attention} on its residual branch. */
  public static ResNetBlock basic(int inChannels, int planes, int stride, Attention attention) {
    return new ResNetBlock(
        Kind.BASIC_BLOCK,
        new int[] {planes, planes},
        new int[] {3, 3},
        0,
        stride,
        stride != 1 || inChannels != planes,
        attention);
  }

  /** torchvision's {@code Bottleneck(inplanes, planes, stride)}: output 4 x planes channels. */
  public static ResNetBlock bottleneck(int inChannels, int planes, int stride) {
    return bottleneck(inChannels, planes, stride, Attention.NONE);
  }

  /** A Bottleneck with {@code attention} on its residual branch. */
  public static ResNetBlock bottleneck(
      int inChannels, int planes, int stride, Attention attention) {
    int out = planes * BOTTLENECK_EXPANSION;
    return new ResNetBlock(
        Kind.BOTTLENECK,
        new int[] {planes, planes, out},
        new int[] {1, 3, 1},
        1,
        stride,
        stride != 1 || inChannels != out,
        attention);
  }

  /** A unit of {@code kind} (stride on the first 3x3 convolution), with {@code attention}. */
  public static ResNetBlock of(
      Kind kind, int inChannels, int planes, int stride, Attention attention) {
    return kind == Kind.BOTTLENECK
        ? bottleneck(inChannels, planes, stride, attention)
        : basic(inChannels, planes, stride, attention);
  }

  /** Output channels. */
  public int outChannels() {
    return outChannels;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray out = x;
    for (int i = 0; i < convs.size(); i++) {
      out = BlockCalls.forward(convs.get(i), ps, out, training);
      out = BlockCalls.forward(norms.get(i), ps, out, training);
      if (i < convs.size() - 1) {
        out = BlockCalls.forward(relu, ps, out, training);
      }
    }
    NDList extras = new NDList();
    if (attention != null) {
      NDList attended = attention.forward(ps, new NDList(out), training);
      out = attended.head();
      extras = attended.subNDList(1);
    }
    NDArray identity = downsample == null ? x : BlockCalls.forward(downsample, ps, x, training);
    NDList result = new NDList(BlockCalls.forward(relu, ps, out.add(identity), training));
    result.addAll(extras);
    return result;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (int i = 0; i < convs.size(); i++) {
      cur = BlockCalls.initialize(convs.get(i), manager, dataType, cur);
      cur = BlockCalls.initialize(norms.get(i), manager, dataType, cur);
    }
    if (attention != null) {
      attention.initialize(manager, dataType, cur);
    }
    relu.initialize(manager, dataType, cur);
    if (downsample != null) {
      downsample.initialize(manager, dataType, inputShapes[0]);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape cur = inputShapes[0];
    for (Block conv : convs) {
      cur = BlockCalls.outputShape(conv, cur);
    }
    if (attention == null) {
      return new Shape[] {cur};
    }
    Shape[] out = attention.getOutputShapes(new Shape[] {cur}).clone();
    out[0] = cur;
    return out;
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape cur = inputShapes[0];
    long total = downsample == null ? 0 : MacCounter.count(downsample, cur);
    for (Block conv : convs) {
      total += MacCounter.count(conv, cur);
      cur = BlockCalls.outputShape(conv, cur);
    }
    return total + (attention == null ? 0 : MacCounter.count(attention, cur));
  }

  /** Which design this unit is. */
  public Kind kind() {
    return kind;
  }
}
