package org.fer4j.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fer4j.layers.DoubleConv;
import org.fer4j.layers.RegionGrid;
import org.fer4j.layers.UNet;
import org.fer4j.layers.UpConv2x2;
import org.fer4j.layers.attention.NonLocalBlock;
import org.fer4j.models.seed.Lnlj;
import org.fer4j.models.seed.LnljFusion;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of LNLJ ({@link Lnlj}) and the blocks it is made of: the U-Net, its double
 * convolutions and 2x2 up-convolutions, and the non-local block.
 */
final class LnljConverters {
  private LnljConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(Lnlj.class, LnljConverters::lnlj);
    into.put(UNet.class, LayerConverters.single(LnljConverters::unet));
    into.put(DoubleConv.class, LayerConverters.single(LnljConverters::doubleConv));
    into.put(UpConv2x2.class, LayerConverters.single(LnljConverters::upConv));
    into.put(NonLocalBlock.class, LayerConverters.single(LnljConverters::nonLocal));
  }

  /** Encoder levels down0..downD (2x2 max pooling between them), decoder with skip concatenation. */
  private static String unet(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    int depth = 0;
    while (ConversionContext.optionalChild(block, "down" + (depth + 1)).isPresent()) {
      depth++;
    }
    List<String> skips = new ArrayList<>();
    String cur = x;
    for (int i = 0; i <= depth; i++) {
      if (i > 0) {
        cur = g.node(path + ".pool" + i, "MaxPool", List.of(cur),
            Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2));
      }
      cur = ctx.convertChild(block, path, "down" + i, cur);
      skips.add(cur);
    }
    for (int i = depth - 1; i >= 0; i--) {
      cur = ctx.convertChild(block, path, "upconv" + i, cur);
      cur = g.node(path + ".cat" + i, "Concat", List.of(skips.get(i), cur), Attribute.of("axis", 1L));
      cur = ctx.convertChild(block, path, "up" + i, cur);
    }
    return cur;
  }

  private static String doubleConv(ConversionContext ctx, Block block, String path, String x) {
    String cur = x;
    for (int i = 1; i <= 2; i++) {
      cur = ctx.convertChild(block, path, "conv" + i, cur);
      cur = ctx.convertChild(block, path, "bn" + i, cur);
      cur = ctx.graph().node(path + ".relu" + i, "Relu", List.of(cur));
    }
    return cur;
  }

  /** A 2x2 stride-2 transposed convolution; the weight is already (C_in, C_out, 2, 2). */
  private static String upConv(ConversionContext ctx, Block block, String path, String x) {
    return ctx.graph()
        .node(path, "ConvTranspose",
            List.of(x, ctx.parameter(block, path, "weight"), ctx.parameter(block, path, "bias")),
            Attribute.ints("kernel_shape", 2, 2), Attribute.ints("strides", 2, 2));
  }

  /** z = BN(W(g(x) softmax(theta(x)^T phi(x))^T)) + x over the H*W positions. */
  private static String nonLocal(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    String flatShape = g.int64s(path + ".flat_shape", 0, 0, -1);
    String theta = ctx.convertChild(block, path, "theta", x);
    String t = g.node(path + ".theta_flat", "Reshape", List.of(theta, flatShape));
    String p = g.node(path + ".phi_flat", "Reshape", List.of(ctx.convertChild(block, path, "phi", x), flatShape));
    String v = g.node(path + ".g_flat", "Reshape", List.of(ctx.convertChild(block, path, "g", x), flatShape));
    String tT = g.node(path + ".theta_t", "Transpose", List.of(t), Attribute.ints("perm", 0, 2, 1));
    String affinity = g.node(path + ".affinity", "MatMul", List.of(tT, p));
    affinity = g.node(path + ".softmax", "Softmax", List.of(affinity), Attribute.of("axis", -1L));
    String aT = g.node(path + ".affinity_t", "Transpose", List.of(affinity), Attribute.ints("perm", 0, 2, 1));
    String y = g.node(path + ".y", "MatMul", List.of(v, aT));
    y = g.node(path + ".y_map", "Reshape", List.of(y, g.node(path + ".shape", "Shape", List.of(theta))));
    String z = ctx.convertChild(block, path, "w", y);
    z = ctx.convertChild(block, path, "bn", z);
    return g.node(path + ".add", "Add", List.of(z, x));
  }

  /**
   * LNLJ's head ({@link Lnlj#forwardHead}): outputs are the fused logits, each region's logits,
   * the region weights and, with {@code nonlocal_head}, the non-local logits; the non-local-only
   * ablation has just its logits.
   */
  private static List<String> lnlj(ConversionContext ctx, Block block, String path, List<String> in) {
    Lnlj model = (Lnlj) block;
    OnnxGraph g = ctx.graph();
    Optional<Block> unet = ConversionContext.optionalChild(block, "unet");
    String map =
        unet.isPresent() ? ctx.convert(unet.get(), ConversionContext.join(path, "unet"), in.get(0)) : in.get(0);
    String pooledNonLocal = null;
    String nonLocalLogits = null;
    if (ConversionContext.optionalChild(block, "nonlocal").isPresent()) {
      pooledNonLocal = spatialMean(g, path + ".nonlocal_pool", ctx.convertChild(block, path, "nonlocal", map));
      if (ConversionContext.optionalChild(block, "nonlocal_fc").isPresent()) {
        nonLocalLogits = ctx.convertChild(block, path, "nonlocal_fc", pooledNonLocal);
      }
    }
    if (model.regions() == 0) {
      return List.of(nonLocalLogits);
    }
    if (model.fusion() == LnljFusion.UNIFORM) {
      throw ConversionContext.unsupported(block, path, "fusion 'uniform' has no converter yet");
    }
    List<String> parts = regions(g, path, map, model.grid(), ctx.inputShape());
    List<String> features = new ArrayList<>();
    List<String> regionLogits = new ArrayList<>();
    String axis1 = g.int64s(path + ".axis1", 1);
    for (int k = 0; k < parts.size(); k++) {
      String f = spatialMean(g, path + ".local_pool" + k, ctx.convertChild(block, path, "local" + k, parts.get(k)));
      features.add(g.node(path + ".feat_u" + k, "Unsqueeze", List.of(f, axis1)));
      regionLogits.add(ctx.convertChild(block, path, "local_fc" + k, f));
    }
    String weightLogits = ctx.convertChild(block, path, "weight_fc", pooledNonLocal);
    String weights = g.node(path + ".weights", "Softmax", List.of(weightLogits), Attribute.of("axis", -1L));
    String fused;
    if (model.fusion() == LnljFusion.LATE || model.fusion() == LnljFusion.LOSSES) {
      // the same mixture of region decisions; LATE differs only in training (detached logits)
      fused = lateFusion(g, path, regionLogits, weightLogits, axis1);
    } else if (model.fusion() == LnljFusion.LOGITS) {
      List<String> columns = new ArrayList<>();
      for (int k = 0; k < regionLogits.size(); k++) {
        columns.add(g.node(path + ".logits_u" + k, "Unsqueeze", List.of(regionLogits.get(k), axis1)));
      }
      String stacked = g.node(path + ".logit_stack", "Concat", columns, Attribute.of("axis", 1L));
      String w = g.node(path + ".weights_u", "Unsqueeze", List.of(weights, g.int64s(path + ".axis2", 2)));
      fused = g.node(path + ".fused_logits", "ReduceSum",
          List.of(g.node(path + ".weighted_logits", "Mul", List.of(stacked, w)), axis1),
          Attribute.of("keepdims", 0L));
    } else {
      String stacked = g.node(path + ".stack", "Concat", features, Attribute.of("axis", 1L));
      String w = g.node(path + ".weights_u", "Unsqueeze", List.of(weights, g.int64s(path + ".axis2", 2)));
      String weighted = g.node(path + ".weighted", "Mul", List.of(stacked, w));
      String sum =
          g.node(path + ".fused_features", "ReduceSum", List.of(weighted, axis1), Attribute.of("keepdims", 0L));
      fused = ctx.convertChild(block, path, "fc", sum);
    }
    List<String> out = new ArrayList<>();
    out.add(fused);
    out.addAll(regionLogits);
    out.add(weights);
    if (nonLocalLogits != null) {
      out.add(nonLocalLogits);
    }
    return out;
  }

  /** log sum_k softmax(w)_k softmax(z_k): a mixture of the region decisions, in log space. */
  private static String lateFusion(
      OnnxGraph g, String path, List<String> regionLogits, String weightLogits, String axis1) {
    List<String> logProbs = new ArrayList<>();
    for (int k = 0; k < regionLogits.size(); k++) {
      String lp =
          g.node(path + ".region_logp" + k, "LogSoftmax", List.of(regionLogits.get(k)), Attribute.of("axis", -1L));
      logProbs.add(g.node(path + ".region_logp_u" + k, "Unsqueeze", List.of(lp, axis1)));
    }
    String stacked = g.node(path + ".logp_stack", "Concat", logProbs, Attribute.of("axis", 1L));
    String logWeights = g.node(path + ".log_weights", "LogSoftmax", List.of(weightLogits), Attribute.of("axis", -1L));
    String logWeightsColumn = g.op(path + ".log_weights_u", "Unsqueeze", logWeights, g.int64s(path + ".axis2l", 2));
    String terms = g.op(path + ".terms", "Add", stacked, logWeightsColumn);
    return g.node(path + ".late_fusion", "ReduceLogSumExp", List.of(terms),
        Attribute.ints("axes", 1), Attribute.of("keepdims", 0L));
  }

  /**
   * The grid's row-major windows as Slice nodes. Only the batch is dynamic, so the window
   * positions are those of the map at the model's input size (the U-Net keeps H and W).
   */
  private static List<String> regions(OnnxGraph g, String path, String map, RegionGrid grid, Shape input) {
    long h = input.get(input.dimension() - 2);
    long w = input.get(input.dimension() - 1);
    int wh = grid.window(h);
    int ww = grid.window(w);
    String axes = g.int64s(path + ".region_axes", 2, 3);
    List<String> out = new ArrayList<>();
    for (int r : grid.starts(h)) {
      for (int c : grid.starts(w)) {
        String starts = g.int64s(path + ".region_start", r, c);
        String ends = g.int64s(path + ".region_end", r + wh, c + ww);
        out.add(g.node(path + ".region", "Slice", List.of(map, starts, ends, axes)));
      }
    }
    return out;
  }

  private static String spatialMean(OnnxGraph g, String name, String x) {
    return g.node(name, "ReduceMean", List.of(x), Attribute.ints("axes", 2, 3), Attribute.of("keepdims", 0L));
  }
}
