package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import org.fer4j.layers.Lambda;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * fer4j's parameter-free {@link Lambda} operations, dispatched on {@link Lambda#kind()}: the
 * function inside a Lambda is opaque, so an unknown kind is an export error, never a pass-through.
 */
final class LambdaConverter {
  private LambdaConverter() {}

  static String convert(ConversionContext ctx, Block block, String path, String x) {
    Lambda lambda = (Lambda) block;
    OnnxGraph g = ctx.graph();
    int[] args = lambda.arguments();
    return switch (lambda.kind()) {
      case "ReLU" -> g.node(path, "Relu", List.of(x));
      case "GELU" -> gelu(g, path, x);
      case "Permute" -> g.node(path, "Transpose", List.of(x), Attribute.ints("perm", longs(args)));
      case "MaxPool2d" -> maxPool(g, path, x, args);
      case "AdaptiveAvgPool2d" -> g.node(path, "GlobalAveragePool", List.of(x));
      case "Flatten" -> g.node(path, "Flatten", List.of(x), Attribute.of("axis", 1L));
      default -> throw ConversionContext.unsupported(
          block, path, "no converter for this Lambda kind (its function is opaque)");
    };
  }

  /**
   * PyTorch's exact GELU, {@code x/2 (1 + erf(x / sqrt 2))}, spelled with opset-17 operators
   * (ONNX's own Gelu operator arrives only with opset 20).
   */
  static String gelu(OnnxGraph g, String path, String x) {
    String scaled = g.node(path + ".div", "Div", List.of(x, g.scalar((float) Math.sqrt(2.0))));
    String erf = g.node(path + ".erf", "Erf", List.of(scaled));
    String onePlus = g.node(path + ".add", "Add", List.of(erf, g.scalar(1f)));
    String times = g.node(path + ".mul", "Mul", List.of(x, onePlus));
    return g.node(path, "Mul", List.of(times, g.scalar(0.5f)));
  }

  private static String maxPool(OnnxGraph g, String path, String x, int[] args) {
    if (args.length != 3) {
      throw new IllegalStateException(
          "MaxPool2d at " + path + " needs kernel, stride, padding; has " + Arrays.toString(args));
    }
    long k = args[0];
    long s = args[1];
    long p = args[2];
    return g.node(
        path,
        "MaxPool",
        List.of(x),
        Attribute.ints("kernel_shape", k, k),
        Attribute.ints("strides", s, s),
        Attribute.ints("pads", p, p, p, p));
  }

  private static long[] longs(int[] values) {
    return Arrays.stream(values).asLongStream().toArray();
  }
}
