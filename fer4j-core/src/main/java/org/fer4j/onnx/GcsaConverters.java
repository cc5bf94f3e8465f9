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
    long channels = clip.get(1);
    long frames = clip.get(2);
    String x = g.node(path + ".frames_first", "Transpose", List.of(in.get(0)), Attribute.ints("perm", 0, 2, 1, 3, 4));
    x = g.node(path + ".frames_as_batch", "Reshape",
        List.of(x, g.int64s(path + ".image_shape", -1, channels, clip.get(3), clip.get(4))));
    for (String name : STEM) {
      x = ctx.convertChild(block, path, name, x);
    }
    x = g.node(path + ".relu2", "Relu", List.of(x)); // the stem's second ReLU is not a child
    x = ctx.convertChild(block, path, "maxpool", x);
    x = ctx.convertChild(block, path, "layer1", x);
    List<String> l2 = ctx.convert(ctx.child(block, path, "layer2"), ConversionContext.join(path, "layer2"), List.of(x));
    List<String> l3 = ctx.convert(ctx.child(block, path, "layer3"), ConversionContext.join(path, "layer3"), List.of(l2.get(0)));
    String logits = classify(ctx, block, path, l3.get(0), mapShape(ctx, block, path, clip), frames);
    return List.of(logits, l2.get(1), l3.get(1), l2.get(2), l3.get(2));
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
    String f5 = g.node(path + ".clips", "Reshape",
        List.of(f, g.int64s(path + ".clip_shape", -1, frames, c, map.get(2), map.get(3))));
    String pairShape = g.int64s(path + ".pair_shape", -1, c, map.get(2), map.get(3));
    String axis1 = g.int64s(path + ".axis1", 1);
    String later = g.node(path + ".later", "Reshape", List.of(
        g.node(path + ".later_slice", "Slice", List.of(f5, g.int64s(path + ".one", 1), g.int64s(path + ".t", frames), axis1)),
        pairShape));
    String earlier = g.node(path + ".earlier", "Reshape", List.of(
        g.node(path + ".earlier_slice", "Slice", List.of(f5, g.int64s(path + ".zero", 0), g.int64s(path + ".t_1", frames - 1), axis1)),
        pairShape));
    String dyn = ctx.convertChild(block, path, "dynamic", g.node(path + ".difference", "Sub", List.of(later, earlier)));
    String st = ctx.convertChild(block, path, "static_conv", earlier);
    st = g.node(path + ".static_relu", "Relu", List.of(ctx.convertChild(block, path, "static_bn", st)));
    Shape small = BlockCalls.outputShape(ctx.child(block, path, "static_conv"), new Shape(1, c, map.get(2), map.get(3)));
    String tokens = g.node(path + ".static_tokens", "Transpose", List.of(
        g.node(path + ".static_flat", "Reshape", List.of(st, g.int64s(path + ".flat_shape", 0, 0, -1)))),
        Attribute.ints("perm", 0, 2, 1));
    tokens = g.node(path + ".static_pos_add", "Add", List.of(tokens, ctx.parameter(block, path, "static_pos")));
    tokens = ctx.convertChild(block, path, "spatial", tokens);
    st = g.node(path + ".static_map", "Reshape", List.of(
        g.node(path + ".static_back", "Transpose", List.of(tokens), Attribute.ints("perm", 0, 2, 1)),
        g.int64s(path + ".small_shape", -1, c, small.get(2), small.get(3))));
    long dim = c * small.get(2) * small.get(3);
    String fused = g.node(path + ".fused", "Reshape",
        List.of(g.node(path + ".branch_sum", "Add", List.of(st, dyn)), g.int64s(path + ".token_shape", -1, frames - 1, dim)));
    float[] pos = ctx.values(block, path, "temporal_pos");
    String temporalPos = g.floats(ConversionContext.join(path, "temporal_pos"),
        Arrays.copyOf(pos, (int) ((frames - 1) * dim)), 1, frames - 1, dim);
    String seq = ctx.convertChild(block, path, "temporal",
        g.node(path + ".temporal_pos_add", "Add", List.of(fused, temporalPos)));
    String mean = g.node(path + ".token_mean", "ReduceMean", List.of(seq), Attribute.ints("axes", 1), Attribute.of("keepdims", 0L));
    return ctx.convertChild(block, path, "fc", mean);
  }

  /**
   * GCSA on (B*T, C, H, W): squeeze each frame to C values (global conv, mean or both), auxiliary
   * logits from the clip mean, SE weights coupled over time as sqrt(s * mean_t(s) + eps).
   */
  private static List<String> gcsaBlock(ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    AttentionOptions options = ((GcsaBlock) block).options();
    String u = in.get(0);
    long frames = options.frames();
    long channels = ((Conv2d) ctx.child(block, path, "se2")).getFilters();
    String squeezed = squeeze(ctx, block, path, u, options.squeeze());
    String clipShape = g.int64s(path + ".clip_shape", -1, frames, channels);
    String perClip = g.node(path + ".per_clip", "Reshape", List.of(squeezed, clipShape));
    String clipMean = g.node(path + ".clip_mean", "ReduceMean", List.of(perClip), Attribute.ints("axes", 1), Attribute.of("keepdims", 0L));
    String aux = ctx.convertChild(block, path, "aux2", ctx.convertChild(block, path, "aux1", clipMean));
    String s = g.node(path + ".se_in", "Unsqueeze", List.of(squeezed, g.int64s(path + ".axes23", 2, 3)));
    s = g.node(path + ".se_relu", "Relu", List.of(ctx.convertChild(block, path, "se1", s)));
    s = g.node(path + ".se_sigmoid", "Sigmoid", List.of(ctx.convertChild(block, path, "se2", s)));
    s = g.node(path + ".se_clip", "Reshape", List.of(g.node(path + ".se_double", "Mul", List.of(s, g.scalar(2f))), clipShape));
    String timeMean = g.node(path + ".time_mean", "ReduceMean", List.of(s), Attribute.ints("axes", 1), Attribute.of("keepdims", 1L));
    String coupled = g.node(path + ".coupled", "Sqrt", List.of(
        g.node(path + ".coupled_eps", "Add", List.of(g.node(path + ".coupling", "Mul", List.of(s, timeMean)), g.scalar(COUPLING_EPS)))));
    String weights = g.node(path + ".frame_weights", "Reshape", List.of(coupled, g.int64s(path + ".frame_shape", -1, channels, 1, 1)));
    return List.of(g.node(path + ".gate", "Mul", List.of(u, weights)), aux, coupled);
  }

  /** (B*T, C): the global convolution sum(u * w) over H, W, the spatial mean, or their average. */
  private static String squeeze(ConversionContext ctx, Block block, String path, String u, String mode) {
    OnnxGraph g = ctx.graph();
    String avg = g.node(path + ".avg", "ReduceMean", List.of(u), Attribute.ints("axes", 2, 3), Attribute.of("keepdims", 0L));
    if ("avg".equals(mode)) {
      return avg;
    }
    long[] w = ctx.shape(block, path, "gconv_weight"); // (C, 1, H, W): one kernel per channel
    String kernel = g.floats(ConversionContext.join(path, "gconv_weight"),
        ctx.values(block, path, "gconv_weight"), 1, w[0], w[2], w[3]);
    String gconv = g.node(path + ".gconv", "ReduceSum",
        List.of(g.node(path + ".gconv_mul", "Mul", List.of(u, kernel)), g.int64s(path + ".axes23s", 2, 3)),
        Attribute.of("keepdims", 0L));
    if (!"both".equals(mode)) {
      return gconv;
    }
    return g.node(path + ".both", "Mul", List.of(g.node(path + ".both_sum", "Add", List.of(gconv, avg)), g.scalar(0.5f)));
  }
}
