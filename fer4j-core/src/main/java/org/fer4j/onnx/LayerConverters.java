package org.fer4j.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.LayerNorm2d;
import org.fer4j.layers.StochasticDepth;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of the building blocks: DJL's layers as {@link org.fer4j.layers.TorchLayers}
 * configures them, fer4j's parameter-free {@link Lambda} operations, normalisation and chains.
 * Each writes the ONNX operator with PyTorch's semantics (inference mode: BatchNorm uses its
 * running statistics, dropout and stochastic depth pass their input through).
 */
final class LayerConverters {
  private LayerConverters() {}

  /** Registers every converter of this class. */
  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(Conv2d.class, single(LayerConverters::convolution));
    into.put(Conv1d.class, single(LayerConverters::convolution));
    into.put(BatchNorm.class, single(LayerConverters::batchNorm));
    into.put(Linear.class, single(LayerConverters::linear));
    into.put(LayerNorm.class, single(LayerConverters::layerNorm));
    into.put(LayerNorm2d.class, single(LayerConverters::layerNorm2d));
    into.put(Lambda.class, single(LambdaConverter::convert));
    into.put(IndexedSequential.class, single(LayerConverters::indexedSequential));
    into.put(SequentialBlock.class, LayerConverters::sequentialBlock);
    into.put(StochasticDepth.class, (ctx, block, path, inputs) -> inputs);
    into.put(Dropout.class, (ctx, block, path, inputs) -> inputs);
  }

  /** A converter of a block with one input and one output. */
  interface SingleConverter {
    String convert(ConversionContext ctx, Block block, String path, String input);
  }

  static BlockConverter single(SingleConverter converter) {
    return (ctx, block, path, inputs) -> {
      if (inputs.size() != 1) {
        throw ConversionContext.unsupported(
            block, path, "it takes one input, the graph gives it " + inputs.size());
      }
      return List.of(converter.convert(ctx, block, path, inputs.get(0)));
    };
  }

  /** Conv1d and Conv2d: the same operator, padding given at both ends of each spatial axis. */
  private static String convolution(ConversionContext ctx, Block block, String path, String x) {
    Convolution conv = (Convolution) block;
    long[] pad = conv.getPadding().getShape();
    long[] pads = new long[2 * pad.length];
    System.arraycopy(pad, 0, pads, 0, pad.length);
    System.arraycopy(pad, 0, pads, pad.length, pad.length);
    String weight = ctx.parameter(conv, path, "weight");
    List<String> inputs =
        conv.isIncludeBias() ? List.of(x, weight, ctx.parameter(conv, path, "bias")) : List.of(x, weight);
    return ctx.graph()
        .node(
            path,
            "Conv",
            inputs,
            Attribute.ints("kernel_shape", conv.getKernelShape().getShape()),
            Attribute.ints("strides", conv.getStride().getShape()),
            Attribute.ints("pads", pads),
            Attribute.ints("dilations", conv.getDilation().getShape()),
            Attribute.of("group", (long) conv.getGroups()));
  }

  private static String batchNorm(ConversionContext ctx, Block block, String path, String x) {
    int axis = (Integer) privateField(block, path, BatchNorm.class, "axis");
    if (axis != 1) {
      throw ConversionContext.unsupported(block, path, "only channel axis 1 is exported, not " + axis);
    }
    float eps = (Float) privateField(block, path, BatchNorm.class, "epsilon");
    List<String> inputs =
        List.of(
            x,
            ctx.parameter(block, path, "gamma"),
            ctx.parameter(block, path, "beta"),
            ctx.parameter(block, path, "runningMean"),
            ctx.parameter(block, path, "runningVar"));
    return ctx.graph()
        .node(path, "BatchNormalization", inputs, Attribute.of("epsilon", eps));
  }

  /**
   * {@code x W^T + b} as MatMul and Add, which (unlike Gemm) accepts inputs of any rank:
   * ConvNeXt applies its linears to channels-last (N, H, W, C) maps.
   */
  private static String linear(ConversionContext ctx, Block block, String path, String x) {
    long[] shape = ctx.shape(block, path, "weight");
    float[] w = ctx.values(block, path, "weight");
    int out = (int) shape[0];
    int in = (int) shape[1];
    float[] transposed = new float[w.length];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        transposed[i * out + o] = w[o * in + i];
      }
    }
    String weightT = ctx.graph().floats(ConversionContext.join(path, "weight_t"), transposed, in, out);
    String product = ctx.graph().node(path + ".matmul", "MatMul", List.of(x, weightT));
    if (block.getDirectParameters().get("bias") == null) {
      return product;
    }
    return ctx.graph()
        .node(path, "Add", List.of(product, ctx.parameter(block, path, "bias")));
  }

  /** DJL's LayerNorm normalises the trailing axes it was given, as PyTorch's does. */
  private static String layerNorm(ConversionContext ctx, Block block, String path, String x) {
    int[] axes = (int[]) privateField(block, path, LayerNorm.class, "axis");
    float eps = (Float) privateField(block, path, LayerNorm.class, "epsilon");
    return ctx.graph()
        .node(
            path,
            "LayerNormalization",
            List.of(x, ctx.parameter(block, path, "gamma"), ctx.parameter(block, path, "beta")),
            Attribute.of("axis", (long) -axes.length),
            Attribute.of("epsilon", eps));
  }

  private static String layerNorm2d(ConversionContext ctx, Block block, String path, String x) {
    LayerNorm2d norm = (LayerNorm2d) block;
    OnnxGraph g = ctx.graph();
    String channelsLast =
        g.node(path + ".to_nhwc", "Transpose", List.of(x), Attribute.ints("perm", 0, 2, 3, 1));
    String normed =
        g.node(
            path,
            "LayerNormalization",
            List.of(channelsLast, ctx.parameter(block, path, "gamma"), ctx.parameter(block, path, "beta")),
            Attribute.of("axis", -1L),
            Attribute.of("epsilon", norm.eps()));
    return g.node(path + ".to_nchw", "Transpose", List.of(normed), Attribute.ints("perm", 0, 3, 1, 2));
  }

  private static String indexedSequential(
      ConversionContext ctx, Block block, String path, String x) {
    List<Block> members = ((IndexedSequential) block).members();
    String cur = x;
    for (int i = 0; i < members.size(); i++) {
      cur = ctx.convert(members.get(i), ConversionContext.join(path, Integer.toString(i)), cur);
    }
    return cur;
  }

  /** DJL's SequentialBlock passes every output of a member on to the next. */
  private static List<String> sequentialBlock(
      ConversionContext ctx, Block block, String path, List<String> inputs) {
    List<String> cur = inputs;
    int position = 0;
    for (Pair<String, Block> child : block.getChildren()) {
      cur = ctx.convert(child.getValue(), ConversionContext.join(path, Integer.toString(position++)), cur);
    }
    return cur;
  }

  /**
   * A setting DJL keeps private (BatchNorm's epsilon, LayerNorm's axes). fer4j runs on the class
   * path, where reflection may read them; a DJL version that renames the field fails the export
   * with the field named, rather than exporting a default.
   */
  private static Object privateField(Block block, String path, Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return f.get(block);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw ConversionContext.unsupported(
          block, path, "cannot read its setting '" + name + "' (" + e + ")");
    }
  }
}
