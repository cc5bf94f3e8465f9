package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fer4j.layers.attention.ContextualChannelBlock;
import org.fer4j.models.seed.Aglf;
import org.fer4j.models.seed.Faer;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of the seed models of {@link org.fer4j.models.seed} and the blocks only they use.
 * Each mirrors its model's {@code forwardStage}/{@code forwardHead}; outputs come in the order of
 * the model's forward output (main logits first, then auxiliary heads or features).
 */
final class SeedConverters {
  private static final int AGLF_REGIONS = 4;

  private SeedConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(Aglf.class, SeedConverters::aglf);
    into.put(Faer.class, SeedConverters::faer);
    into.put(ContextualChannelBlock.class, LayerConverters.single(SeedConverters::contextualChannel));
  }

  /**
   * AGLF: shared trunk and ECA, the map cut into 2x2 quadrants, one residual stack per quadrant,
   * stitched back, cut again for the four heads; the first output is {@code log} of the mean of
   * the four heads' softmax, then the four heads' logits.
   */
  private static List<String> aglf(ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    String cur = in.get(0);
    for (String name : List.of("conv1", "bn1", "relu", "maxpool", "layer1")) {
      cur = ctx.convertChild(block, path, name, cur);
    }
    Optional<Block> layer2 = ConversionContext.optionalChild(block, "layer2");
    if (layer2.isPresent()) {
      cur = ctx.convert(layer2.get(), ConversionContext.join(path, "layer2"), cur);
    }
    cur = ctx.convertChild(block, path, "eca", cur);
    List<String> parts = quadrants(g, path + ".split", cur);
    List<String> regions = new ArrayList<>();
    for (int r = 0; r < AGLF_REGIONS; r++) {
      regions.add(ctx.convertChild(block, path, "region" + r, parts.get(r)));
    }
    String top = g.node(path + ".merge_top", "Concat", regions.subList(0, 2), Attribute.of("axis", 3L));
    String bottom = g.node(path + ".merge_bottom", "Concat", regions.subList(2, 4), Attribute.of("axis", 3L));
    String merged = g.node(path + ".merge", "Concat", List.of(top, bottom), Attribute.of("axis", 2L));
    List<String> heads = quadrants(g, path + ".head_split", merged);
    List<String> logits = new ArrayList<>();
    List<String> probabilities = new ArrayList<>();
    String axis0 = g.int64s(path + ".axis0", 0);
    for (int r = 0; r < AGLF_REGIONS; r++) {
      String pooled =
          g.node(path + ".pool" + r, "ReduceMean", List.of(heads.get(r)),
              Attribute.ints("axes", 2, 3), Attribute.of("keepdims", 0L));
      String z = ctx.convertChild(block, path, "fc" + r, pooled);
      logits.add(z);
      String p = g.node(path + ".softmax" + r, "Softmax", List.of(z), Attribute.of("axis", -1L));
      probabilities.add(g.node(path + ".stack" + r, "Unsqueeze", List.of(p, axis0)));
    }
    String stacked = g.node(path + ".stack", "Concat", probabilities, Attribute.of("axis", 0L));
    String mean =
        g.node(path + ".mean_prob", "ReduceMean", List.of(stacked),
            Attribute.ints("axes", 0), Attribute.of("keepdims", 0L));
    List<String> out = new ArrayList<>();
    out.add(g.node(path + ".log_mean_prob", "Log", List.of(mean)));
    out.addAll(logits);
    return out;
  }

  /** Row-major 2x2 windows of an (N, C, H, W) map (H and W even): top-left, top-right, ... */
  private static List<String> quadrants(OnnxGraph g, String name, String x) {
    List<String> rows = g.node(name + ".rows", "Split", List.of(x), 2, Attribute.of("axis", 2L));
    List<String> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      out.addAll(g.node(name + ".row" + r, "Split", List.of(rows.get(r)), 2, Attribute.of("axis", 3L)));
    }
    return out;
  }

  /**
   * FAER: ConvNeXt features, CC attention, global average pooling to features f, LayerNorm, the
   * expression head and/or the attribute head; f itself is the last output.
   */
  private static List<String> faer(ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    String cur = ctx.convertChild(block, path, "features", in.get(0));
    cur = ctx.convertChild(block, path, "attention", cur);
    String features =
        g.node(ConversionContext.join(path, "pool"), "ReduceMean", List.of(cur),
            Attribute.ints("axes", 2, 3), Attribute.of("keepdims", 0L));
    String normed = ctx.convertChild(block, path, "norm", features);
    List<String> out = new ArrayList<>();
    for (String head : List.of("head", "attr_head")) {
      Optional<Block> h = ConversionContext.optionalChild(block, head);
      if (h.isPresent()) {
        out.add(ctx.convert(h.get(), ConversionContext.join(path, head), normed));
      }
    }
    out.add(features);
    return out;
  }

  /**
   * CC attention: {@code Softmax_positions(K' + Q) * V + X}. The block works channels-last; the
   * softmax over positions runs here on (N, C, H*W) along the last axis, which needs no static
   * batch, and the result takes X's shape back through Shape/Reshape.
   */
  private static String contextualChannel(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    String nhwc = g.node(path + ".to_nhwc", "Transpose", List.of(x), Attribute.ints("perm", 0, 2, 3, 1));
    String value = ctx.convertChild(block, path, "value", nhwc);
    String pooled = g.reduce(path + ".pool", "ReduceMean", x, false, 2, 3);
    String context = g.node(path + ".pool_u", "Unsqueeze", List.of(pooled, g.int64s(path + ".axes12", 1, 2)));
    String key = ctx.convertChild(block, path, "mlp1", nhwc);
    key = LambdaConverter.gelu(g, path + ".key_gelu", key);
    key = ctx.convertChild(block, path, "mlp2", key);
    key = g.node(path + ".key", "Mul", List.of(key, context));
    String query = ctx.convertChild(block, path, "depthwise", x);
    query = g.node(path + ".q_nhwc", "Transpose", List.of(query), Attribute.ints("perm", 0, 2, 3, 1));
    query = LambdaConverter.gelu(g, path + ".q_gelu", query);
    query = ctx.convertChild(block, path, "norm", query);
    String scores = g.node(path + ".scores", "Add", List.of(query, key));
    String flatShape = g.int64s(path + ".nc_flat", 0, 0, -1);
    String scoresFlat =
        g.op(path + ".scores_flat", "Reshape", g.transpose(path + ".scores_nchw", scores, 0, 3, 1, 2), flatShape);
    String weights = g.node(path + ".softmax", "Softmax", List.of(scoresFlat), Attribute.of("axis", -1L));
    String valueFlat =
        g.op(path + ".value_flat", "Reshape", g.transpose(path + ".value_nchw", value, 0, 3, 1, 2), flatShape);
    String attended = g.node(path + ".attended", "Mul", List.of(weights, valueFlat));
    String shape = g.node(path + ".shape", "Shape", List.of(x));
    String back = g.node(path + ".unflat", "Reshape", List.of(attended, shape));
    return g.node(path + ".add", "Add", List.of(back, x));
  }
}
