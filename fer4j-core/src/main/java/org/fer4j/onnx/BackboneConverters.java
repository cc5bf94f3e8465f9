package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fer4j.models.backbones.ConvNeXt;
import org.fer4j.models.backbones.ConvNeXtBlock;
import org.fer4j.models.backbones.ResNet;
import org.fer4j.models.backbones.ResNetBlock;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of the backbones in {@link org.fer4j.models.backbones}. Each mirrors its block's
 * {@code forwardInternal}: the children are found by their PyTorch names, the data flow between
 * them (residual sums, the flatten before a classifier) is written here.
 */
final class BackboneConverters {
  private BackboneConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(ResNet.class, LayerConverters.single(BackboneConverters::resNet));
    into.put(ResNetBlock.class, BackboneConverters::resNetBlock);
    into.put(ConvNeXt.class, LayerConverters.single(BackboneConverters::convNeXt));
    into.put(ConvNeXtBlock.class, LayerConverters.single(BackboneConverters::convNeXtBlock));
  }

  /** stem, layer1..layer4, global average pooling, flatten, fc ({@link ResNet#forwardHead}). */
  private static String resNet(ConversionContext ctx, Block block, String path, String x) {
    String cur = x;
    for (String name :
        List.of("conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4", "avgpool")) {
      cur = ctx.convertChild(block, path, name, cur);
    }
    cur = flatten(ctx, path, cur);
    return ctx.convertChild(block, path, "fc", cur);
  }

  /**
   * conv/bn/relu pairs, the optional attention on the branch (its extra outputs, GCSA's auxiliary
   * logits, follow the feature map), the shortcut (downsampled when present), sum and ReLU.
   */
  private static List<String> resNetBlock(
      ConversionContext ctx, Block block, String path, List<String> inputs) {
    String x = inputs.get(0);
    int convs = 0;
    while (ConversionContext.optionalChild(block, "conv" + (convs + 1)).isPresent()) {
      convs++;
    }
    String out = x;
    for (int i = 1; i <= convs; i++) {
      out = ctx.convertChild(block, path, "conv" + i, out);
      out = ctx.convertChild(block, path, "bn" + i, out);
      if (i < convs) {
        out = ctx.convertChild(block, path, "relu", out);
      }
    }
    List<String> extras = List.of();
    Optional<Block> attention = ConversionContext.optionalChild(block, "attn");
    if (attention.isPresent()) {
      List<String> attended =
          ctx.convert(attention.get(), ConversionContext.join(path, "attn"), List.of(out));
      out = attended.get(0);
      extras = attended.subList(1, attended.size());
    }
    Optional<Block> downsample = ConversionContext.optionalChild(block, "downsample");
    String identity =
        downsample.isPresent()
            ? ctx.convert(downsample.get(), ConversionContext.join(path, "downsample"), x)
            : x;
    String sum = ctx.graph().node(path + ".add", "Add", List.of(out, identity));
    List<String> result = new ArrayList<>();
    result.add(ctx.convertChild(block, path, "relu", sum));
    result.addAll(extras);
    return result;
  }

  /** features, avgpool, classifier (LayerNorm2d, Flatten, Linear). */
  private static String convNeXt(ConversionContext ctx, Block block, String path, String x) {
    String cur = x;
    for (String name : List.of("features", "avgpool", "classifier")) {
      cur = ctx.convertChild(block, path, name, cur);
    }
    return cur;
  }

  /** x + stochastic_depth(layer_scale * block(x)); stochastic depth is the identity here. */
  private static String convNeXtBlock(ConversionContext ctx, Block block, String path, String x) {
    String branch = ctx.convertChild(block, path, "block", x);
    String scaled =
        ctx.graph()
            .node(path + ".scale", "Mul", List.of(branch, ctx.parameter(block, path, "layer_scale")));
    scaled = ctx.convertChild(block, path, "stochastic_depth", scaled);
    return ctx.graph().node(path + ".add", "Add", List.of(scaled, x));
  }

  /** {@code torch.flatten(x, 1)}, which ResNet calls as a function rather than a module. */
  static String flatten(ConversionContext ctx, String path, String x) {
    return ctx.graph()
        .node(ConversionContext.join(path, "flatten"), "Flatten", List.of(x), Attribute.of("axis", 1L));
  }
}
