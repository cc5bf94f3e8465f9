package org.fer4j.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.attention.AttentionOptions;
import org.fer4j.layers.attention.GcsaBlock;
import org.fer4j.models.seed.GcsaResNet;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of the clip model {@link GcsaResNet} and its {@link GcsaBlock}. The clip (B, C, T,
 * H, W) runs frame by frame as a batch of B*T images; reshapes between the two views keep B
 * dynamic ({@code -1}) and take every other size from the model's input size.
 */
final class GcsaConverters {
  private static final float COUPLING_EPS = 1e-5f;
  private static final List<String> STEM = List.of("conv1", "bn1", "relu", "conv2", "bn2");

  private GcsaConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(GcsaResNet.class, GcsaConverters::gcsaResNet);
    into.put(GcsaBlock.class, GcsaConverters::gcsaBlock);
  }

  /**
   * Outputs as {@link GcsaResNet}'s forward: logits, layer2's and layer3's auxiliary logits, then
   * their coupled channel weights.
   */
  private static List<String> gcsaResNet(
      ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    Shape clip = ctx.inputShape(); // (1, C, T, H, W)
    long frames = clip.get(2);
    String x = g.transpose(path + ".frames_first", in.get(0), 0, 2, 1, 3, 4);
    x = g.reshape(path + ".frames_as_batch", x, -1, clip.get(1), clip.get(3), clip.get(4));
    for (String name : STEM) {
      x = ctx.convertChild(block, path, name, x);
    }
    x = g.op(path + ".relu2", "Relu", x); // the stem's second ReLU is not a child
    x = ctx.convertChild(block, path, "maxpool", x);
    x = ctx.convertChild(block, path, "layer1", x);
    List<String> l2 = convertUnit(ctx, block, path, "layer2", x);
    List<String> l3 = convertUnit(ctx, block, path, "layer3", l2.get(0));
    String logits = classify(ctx, block, path, l3.get(0), mapShape(ctx, block, path, clip), frames);
    return List.of(logits, l2.get(1), l3.get(1), l2.get(2), l3.get(2));
  }

  /** A residual unit with GCSA attention: its map, auxiliary logits and coupled weights. */
  private static List<String> convertUnit(
      ConversionContext ctx, Block block, String path, String name, String x) {
    return ctx.convert(ctx.child(block, path, name), ConversionContext.join(path, name), List.of(x));
  }

  /** layer3's output shape for one frame: (1, C, h, w). */
  private static Shape mapShape(ConversionContext ctx, Block block, String path, Shape clip) {
    Shape cur = new Shape(1, clip.get(1), clip.get(3), clip.get(4));
    for (String name : List.of("conv1", "bn1", "relu", "conv2", "bn2", "maxpool", "layer1", "layer2", "layer3")) {
      cur = BlockCalls.outputShape(ctx.child(block, path, name), cur);
    }
    return cur;
  }

  /**
   * Dual branch on consecutive frame pairs (dynamic: differences through {@code dynamic}; static:
   * the earlier frame through a convolution and the spatial transformer), their sum per pair as a
   * token of the temporal transformer, mean over tokens, classifier.
   */
  private static String classify(
      ConversionContext ctx, Block block, String path, String f, Shape map, long frames) {
    OnnxGraph g = ctx.graph();
    long c = map.get(1);
    long h = map.get(2);
    long w = map.get(3);
    String f5 = g.reshape(path + ".clips", f, -1, frames, c, h, w);
    String axis1 = g.int64s(path + ".axis1", 1);
    String laterSlice = g.op(path + ".later_slice", "Slice",
        f5, g.int64s(path + ".one", 1), g.int64s(path + ".t", frames), axis1);
    String earlierSlice = g.op(path + ".earlier_slice", "Slice",
        f5, g.int64s(path + ".zero", 0), g.int64s(path + ".t_1", frames - 1), axis1);
    String later = g.reshape(path + ".later", laterSlice, -1, c, h, w);
    String earlier = g.reshape(path + ".earlier", earlierSlice, -1, c, h, w);
    String dyn = ctx.convertChild(block, path, "dynamic", g.op(path + ".difference", "Sub", later, earlier));
    String st = ctx.convertChild(block, path, "static_conv", earlier);
    st = g.op(path + ".static_relu", "Relu", ctx.convertChild(block, path, "static_bn", st));
    Shape small = BlockCalls.outputShape(ctx.child(block, path, "static_conv"), new Shape(1, c, h, w));
    String tokens = g.transpose(path + ".static_tokens", g.reshape(path + ".static_flat", st, 0, 0, -1), 0, 2, 1);
    tokens = g.op(path + ".static_pos_add", "Add", tokens, ctx.parameter(block, path, "static_pos"));
    tokens = ctx.convertChild(block, path, "spatial", tokens);
    String back = g.transpose(path + ".static_back", tokens, 0, 2, 1);
    st = g.reshape(path + ".static_map", back, -1, c, small.get(2), small.get(3));
    long dim = c * small.get(2) * small.get(3);
    String fused = g.reshape(path + ".fused", g.op(path + ".branch_sum", "Add", st, dyn), -1, frames - 1, dim);
    // temporal_pos covers the model's frame count; the pairs use its first T-1 positions
    float[] pos = Arrays.copyOf(ctx.values(block, path, "temporal_pos"), (int) ((frames - 1) * dim));
    String temporalPos = g.floats(ConversionContext.join(path, "temporal_pos"), pos, 1, frames - 1, dim);
    String positioned = g.op(path + ".temporal_pos_add", "Add", fused, temporalPos);
    String seq = ctx.convertChild(block, path, "temporal", positioned);
    String mean = g.reduce(path + ".token_mean", "ReduceMean", seq, false, 1);
    return ctx.convertChild(block, path, "fc", mean);
  }

  /**
   * GCSA on (B*T, C, H, W): squeeze each frame to C values (global conv, mean or both), auxiliary
   * logits from the clip mean, SE weights coupled over time as sqrt(s * mean_t(s) + eps).
   */
  private static List<String> gcsaBlock(
      ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    AttentionOptions options = ((GcsaBlock) block).options();
    String u = in.get(0);
    long frames = options.frames();
    long channels = ((Conv2d) ctx.child(block, path, "se2")).getFilters();
    String squeezed = squeeze(ctx, block, path, u, options.squeeze());
    String perClip = g.reshape(path + ".per_clip", squeezed, -1, frames, channels);
    String clipMean = g.reduce(path + ".clip_mean", "ReduceMean", perClip, false, 1);
    String aux = ctx.convertChild(block, path, "aux2", ctx.convertChild(block, path, "aux1", clipMean));
    String s = g.op(path + ".se_in", "Unsqueeze", squeezed, g.int64s(path + ".axes23", 2, 3));
    s = g.op(path + ".se_relu", "Relu", ctx.convertChild(block, path, "se1", s));
    s = g.op(path + ".se_sigmoid", "Sigmoid", ctx.convertChild(block, path, "se2", s));
    s = g.reshape(path + ".se_clip", g.op(path + ".se_double", "Mul", s, g.scalar(2f)), -1, frames, channels);
    String timeMean = g.reduce(path + ".time_mean", "ReduceMean", s, true, 1);
    String coupling = g.op(path + ".coupling", "Mul", s, timeMean);
    coupling = g.op(path + ".coupled_eps", "Add", coupling, g.scalar(COUPLING_EPS));
    String coupled = g.op(path + ".coupled", "Sqrt", coupling);
    String weights = g.reshape(path + ".frame_weights", coupled, -1, channels, 1, 1);
    return List.of(g.op(path + ".gate", "Mul", u, weights), aux, coupled);
  }

  /** (B*T, C): the global convolution sum(u * w) over H, W, the spatial mean, or their average. */
  private static String squeeze(ConversionContext ctx, Block block, String path, String u, String mode) {
    OnnxGraph g = ctx.graph();
    String avg = g.reduce(path + ".avg", "ReduceMean", u, false, 2, 3);
    if ("avg".equals(mode)) {
      return avg;
    }
    long[] w = ctx.shape(block, path, "gconv_weight"); // (C, 1, H, W): one kernel per channel
    String kernel = g.floats(ConversionContext.join(path, "gconv_weight"),
        ctx.values(block, path, "gconv_weight"), 1, w[0], w[2], w[3]);
    String product = g.op(path + ".gconv_mul", "Mul", u, kernel);
    String gconv = g.node(path + ".gconv", "ReduceSum",
        List.of(product, g.int64s(path + ".axes23s", 2, 3)), Attribute.of("keepdims", 0L));
    if (!"both".equals(mode)) {
      return gconv;
    }
    return g.op(path + ".both", "Mul", g.op(path + ".both_sum", "Add", gconv, avg), g.scalar(0.5f));
  }
}
