package org.fer4j.models.seed;

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
import java.util.Arrays;
import java.util.List;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.attention.AttentionFactory;
import org.fer4j.layers.attention.AttentionOptions;

/**
 * torchvision's BasicBlock or Bottleneck with an attention block on the residual branch, after the
 * last BatchNorm and before the skip addition: where SE-Net, CBAM (MA-Net's AttentionBlock) and GCA
 * put theirs. Children keep torchvision's names ({@code conv1, bn1, ..., downsample.0/1}) plus
 * {@code attn}, so plain ResNet weights load into the convolutions. Extra outputs of the attention
 * block (GCSA's auxiliary logits) follow the feature map in the forward output.
 */
public final class AttentiveResBlock extends AbstractBlock implements MacCounting {
  private final List<Block> convs = new ArrayList<>();
  private final List<Block> norms = new ArrayList<>();
  private final Block attention;
  private final IndexedSequential downsample;

  private AttentiveResBlock(
      int[] widths,
      int[] kernels,
      int strideIndex,
      int stride,
      boolean down,
      String attentionKey,
      AttentionOptions options) {
    for (int i = 0; i < widths.length; i++) {
      int k = kernels[i];
      convs.add(
          addChildBlock(
              "conv" + (i + 1),
              TorchLayers.conv2d(widths[i], k, i == strideIndex ? stride : 1, k / 2, 1, false)));
      norms.add(addChildBlock("bn" + (i + 1), TorchLayers.batchNorm2d()));
    }
    int out = widths[widths.length - 1];
    attention = AttentionFactory.create(attentionKey, out, options).orElse(null);
    if (attention != null) {
      addChildBlock("attn", attention);
    }
    downsample =
        down
            ? new IndexedSequential()
                .addAll(TorchLayers.conv2d(out, 1, stride, 0, 1, false), TorchLayers.batchNorm2d())
            : null;
    if (downsample != null) {
      addChildBlock("downsample", downsample);
    }
    TorchLayers.initialize(
        this, ai.djl.nn.convolutional.Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
  }

  /** BasicBlock(inChannels, planes, stride) with attention {@code key} on the residual branch. */
  public static AttentiveResBlock basic(
      int inChannels, int planes, int stride, String key, AttentionOptions options) {
    return new AttentiveResBlock(
        new int[] {planes, planes},
        new int[] {3, 3},
        0,
        stride,
        stride != 1 || inChannels != planes,
        key,
        options);
  }

  /**
   * Bottleneck(inChannels, planes, stride), output 4 x planes, attention on the residual branch.
   */
  public static AttentiveResBlock bottleneck(
      int inChannels, int planes, int stride, String key, AttentionOptions options) {
    int out = planes * 4;
    return new AttentiveResBlock(
        new int[] {planes, planes, out},
        new int[] {1, 3, 1},
        1,
        stride,
        stride != 1 || inChannels != out,
        key,
        options);
  }

  /** Output channels. */
  public long outChannels() {
    return ((ai.djl.nn.convolutional.Conv2d) convs.get(convs.size() - 1)).getFilters();
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
        out = ai.djl.nn.Activation.relu(out);
      }
    }
    NDList extras = new NDList();
    if (attention != null) {
      NDList att = attention.forward(ps, new NDList(out), training);
      out = att.head();
      extras = att.subNDList(1);
    }
    NDArray identity = downsample == null ? x : BlockCalls.forward(downsample, ps, x, training);
    NDList result = new NDList(ai.djl.nn.Activation.relu(out.add(identity)));
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
    Shape[] att = attention.getOutputShapes(new Shape[] {cur});
    Shape[] out = Arrays.copyOf(att, att.length);
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
}
