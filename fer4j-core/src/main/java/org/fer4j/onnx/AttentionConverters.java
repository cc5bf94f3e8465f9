package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.fer4j.layers.attention.CbamBlock;
import org.fer4j.layers.attention.EcaBlock;
import org.fer4j.layers.attention.SeBlock;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of the channel-attention blocks of {@link org.fer4j.layers.attention} that the
 * attention ResNets put on every residual branch. Each mirrors its block's {@code
 * forwardInternal}; shapes that depend on the batch are built with Squeeze/Unsqueeze/Transpose
 * rather than Reshape, so the batch axis stays dynamic.
 */
final class AttentionConverters {
  private AttentionConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(SeBlock.class, LayerConverters.single(AttentionConverters::se));
    into.put(EcaBlock.class, LayerConverters.single(AttentionConverters::eca));
    into.put(CbamBlock.class, LayerConverters.single(AttentionConverters::cbam));
  }

  /** x * sigmoid(fc2(relu(fc1(mean_hw(x))))), the 1x1 convolutions on (N, C, 1, 1). */
  private static String se(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    String s = g.reduce(path + ".squeeze", "ReduceMean", x, true, 2, 3);
    s = ctx.convertChild(block, path, "fc1", s);
    s = g.node(path + ".relu", "Relu", List.of(s));
    s = ctx.convertChild(block, path, "fc2", s);
    return gate(g, path, x, s);
  }

  /**
   * x * sigmoid(conv1d over channels of mean_hw(x)): the pooled (N, C, 1, 1) map becomes the
   * one-channel sequence (N, 1, C) the 1-D convolution runs along, and back.
   */
  private static String eca(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    String pooled = g.reduce(path + ".pool", "ReduceMean", x, true, 2, 3);
    String nc1 = g.node(path + ".squeeze", "Squeeze", List.of(pooled, g.int64s(path + ".axis3", 3)));
    String sequence = g.node(path + ".to_seq", "Transpose", List.of(nc1), Attribute.ints("perm", 0, 2, 1));
    String conv = ctx.convertChild(block, path, "conv", sequence);
    String back = g.node(path + ".from_seq", "Transpose", List.of(conv), Attribute.ints("perm", 0, 2, 1));
    String weights = g.node(path + ".unsqueeze", "Unsqueeze", List.of(back, g.int64s(path + ".axis3u", 3)));
    return gate(g, path, x, weights);
  }

  /**
   * CBAM: a channel gate from the shared MLP on the spatial mean and max (the block runs both
   * through it as one batch of 2N rows and adds the halves; here they are stacked on a new leading
   * axis and summed over it), then a spatial gate from a 7x7 convolution and BatchNorm over the
   * channel max and mean.
   */
  private static String cbam(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    String axis0 = g.int64s(path + ".axis0", 0);
    String avg = g.op(path + ".avg_u", "Unsqueeze", g.reduce(path + ".avg", "ReduceMean", x, false, 2, 3), axis0);
    String max = g.op(path + ".max_u", "Unsqueeze", g.reduce(path + ".max", "ReduceMax", x, false, 2, 3), axis0);
    String stacked = g.node(path + ".stack", "Concat", List.of(avg, max), Attribute.of("axis", 0L));
    String h = ctx.convertChild(block, path, "mlp_in", stacked);
    h = g.node(path + ".mlp_relu", "Relu", List.of(h));
    String att = ctx.convertChild(block, path, "mlp_out", h);
    String summed =
        g.node(path + ".sum", "ReduceSum", List.of(att, axis0), Attribute.of("keepdims", 0L));
    String channelWeights =
        g.node(path + ".channel_u", "Unsqueeze", List.of(summed, g.int64s(path + ".axes23", 2, 3)));
    String gated = gate(g, path + ".channel", x, channelWeights);
    String chMax = g.reduce(path + ".ch_max", "ReduceMax", gated, true, 1);
    String chMean = g.reduce(path + ".ch_mean", "ReduceMean", gated, true, 1);
    String pool2 = g.node(path + ".pool2", "Concat", List.of(chMax, chMean), Attribute.of("axis", 1L));
    String s = ctx.convertChild(block, path, "spatial_conv", pool2);
    s = ctx.convertChild(block, path, "spatial_bn", s);
    return gate(g, path + ".spatial", gated, s);
  }

  /** x * sigmoid(logits). */
  private static String gate(OnnxGraph g, String path, String x, String logits) {
    String weights = g.node(path + ".sigmoid", "Sigmoid", List.of(logits));
    return g.node(path + ".gate", "Mul", List.of(x, weights));
  }
}
