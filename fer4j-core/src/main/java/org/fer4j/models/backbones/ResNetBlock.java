package org.fer4j.models.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
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

/**
 * torchvision's residual units ({@code torchvision/models/resnet.py}): {@link #basic BasicBlock}
 * (two 3x3 convolutions) and {@link #bottleneck Bottleneck} (1x1, 3x3, 1x1 with 4x expansion, the
 * stride on the 3x3 convolution: "ResNet V1.5"). Children carry torchvision's attribute names
 * ({@code conv1, bn1, ..., relu, downsample.0, downsample.1}).
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
  private final IndexedSequential downsample;

  private ResNetBlock(
      Kind kind,
      int[] widths,
      int[] kernels,
      int strideIndex,
      int stride,
      boolean needsDownsample) {
    this.kind = kind;
    for (int i = 0; i < widths.length; i++) {
      int k = kernels[i];
      Block conv = TorchLayers.conv2d(widths[i], k, i == strideIndex ? stride : 1, k / 2, 1, false);
      convs.add(addChildBlock("conv" + (i + 1), conv));
      norms.add(addChildBlock("bn" + (i + 1), TorchLayers.batchNorm2d()));
    }
    // Parameter-free, so its position among the children changes no parameter name or order.
    addChildBlock("relu", relu);
    int outChannels = widths[widths.length - 1];
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
  }

  /** torchvision's {@code BasicBlock(inplanes, planes, stride)}: two 3x3 convolutions. */
  public static ResNetBlock basic(int inChannels, int planes, int stride) {
    return new ResNetBlock(
        Kind.BASIC_BLOCK,
        new int[] {planes, planes},
        new int[] {3, 3},
        0,
        stride,
        stride != 1 || inChannels != planes);
  }

  /** torchvision's {@code Bottleneck(inplanes, planes, stride)}: output 4 x planes channels. */
  public static ResNetBlock bottleneck(int inChannels, int planes, int stride) {
    int out = planes * BOTTLENECK_EXPANSION;
    return new ResNetBlock(
        Kind.BOTTLENECK,
        new int[] {planes, planes, out},
        new int[] {1, 3, 1},
        1,
        stride,
        stride != 1 || inChannels != out);
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
    NDArray identity = downsample == null ? x : BlockCalls.forward(downsample, ps, x, training);
    return new NDList(BlockCalls.forward(relu, ps, out.add(identity), training));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (int i = 0; i < convs.size(); i++) {
      cur = BlockCalls.initialize(convs.get(i), manager, dataType, cur);
      cur = BlockCalls.initialize(norms.get(i), manager, dataType, cur);
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
    return new Shape[] {cur};
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape cur = inputShapes[0];
    long total = downsample == null ? 0 : MacCounter.count(downsample, cur);
    for (Block conv : convs) {
      total += MacCounter.count(conv, cur);
      cur = BlockCalls.outputShape(conv, cur);
    }
    return total;
  }

  /** Which design this unit is. */
  public Kind kind() {
    return kind;
  }
}
