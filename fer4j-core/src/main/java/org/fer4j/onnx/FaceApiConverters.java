package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.face.faceapi.AgeGenderBlock;
import org.fer4j.face.faceapi.FaceFeatureBlock;
import org.fer4j.face.faceapi.TfOps;
import org.fer4j.face.faceapi.TinyFaceDetectorBlock;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converters of face-api's TF.js networks ({@link org.fer4j.face.faceapi}). TensorFlow's {@code
 * same} padding depends on the map size and is uneven for stride 2 (the extra row and column go
 * after); the input size is fixed in the graph, so each convolution gets its exact pads.
 */
final class FaceApiConverters {
  private FaceApiConverters() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(FaceFeatureBlock.class, LayerConverters.single(FaceApiConverters::faceFeature));
    into.put(AgeGenderBlock.class, FaceApiConverters::ageGender);
    into.put(TinyFaceDetectorBlock.class, LayerConverters.single(FaceApiConverters::tinyFaceDetector));
  }

  /** A map and its spatial size, which TF padding needs. */
  private record Map2d(String value, long height, long width) {
    /** Another value of the same size. */
    Map2d with(String other) {
      return new Map2d(other, height, width);
    }
  }

  /**
   * The landmark and expression nets: (pixels - mean) / 255 on 0-255 RGB input, four dense blocks
   * of (separable) convolutions, global average pooling, fully connected layer.
   */
  private static String faceFeature(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    Map2d cur = normalised(ctx, path, x);
    for (int b = 0; b <= 3; b++) {
      cur = denseBlock(ctx, block, "dense" + b, cur, b == 0);
    }
    String pooled = g.reduce(path + ".pool", "ReduceMean", cur.value(), false, 2, 3);
    return dense(ctx, block, "fc", pooled);
  }

  /**
   * The age/gender net (face-api's Xception-like {@code AgeGenderNet}): entry flow, two residual
   * middle blocks, exit flow, global average pooling; outputs age (N) and the gender scores (N, 2).
   */
  private static List<String> ageGender(ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    Map2d x = normalised(ctx, path, in.get(0));
    Map2d entry = conv(ctx, block, "entry_flow/conv_in", x, 2);
    x = entry.with(g.op("entry_flow.relu", "Relu", entry.value()));
    x = reduction(ctx, block, "entry_flow/reduction_block_0", x, false);
    x = reduction(ctx, block, "entry_flow/reduction_block_1", x, true);
    for (int i = 0; i < 2; i++) {
      String prefix = "middle_flow/main_block_" + i;
      Map2d out = x;
      for (int c = 0; c <= 2; c++) {
        out = separable(ctx, block, prefix + "/separable_conv" + c, out.with(g.op(prefix + ".relu" + c, "Relu", out.value())), 1);
      }
      x = out.with(g.op(prefix + ".add", "Add", out.value(), x.value()));
    }
    x = reduction(ctx, block, "exit_flow/reduction_block", x, true);
    x = separable(ctx, block, "exit_flow/separable_conv", x, 1);
    String pooled = g.reduce(path + ".pool", "ReduceMean", g.op("exit_flow.relu", "Relu", x.value()), false, 2, 3);
    String age = g.reshape("fc/age.vector", dense(ctx, block, "fc/age", pooled), -1);
    return List.of(age, dense(ctx, block, "fc/gender", pooled));
  }

  /**
   * The tiny face detector up to its raw (N, 25, g, g) grid: 5 anchors x (x, y, w, h, score) per
   * cell, before face-api's sigmoid/exp decoding and non-maximum suppression. The input
   * normalisation is already folded into conv0's weights when they are loaded.
   */
  private static String tinyFaceDetector(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    Map2d cur = convValid(ctx, block, "conv0", new Map2d(x, ctx.inputShape().get(2), ctx.inputShape().get(3)));
    for (int i = 1; i <= 5; i++) {
      cur = maxPoolSame(g, "pool" + i, cur, 2, 2);
      if (i == 1) {
        cur = cur.with(leaky(g, "conv0.leaky", cur.value()));
      }
      cur = separable(ctx, block, "conv" + i, cur, 1);
      cur = cur.with(leaky(g, "conv" + i + ".leaky", cur.value()));
    }
    cur = maxPoolSame(g, "pool6", cur, 2, 1);
    return convValid(ctx, block, "conv8", cur).value();
  }

  /** face-api's leaky ReLU, slope 0.1. */
  private static String leaky(OnnxGraph g, String name, String x) {
    return g.node(name, "LeakyRelu", List.of(x), Attribute.of("alpha", 0.1f));
  }

  /** tf.conv2d(x, filters, 1, valid) + bias. */
  private static Map2d convValid(ConversionContext ctx, Block block, String prefix, Map2d x) {
    String weight = ctx.parameter(block, "", prefix + "/filters");
    String bias = ctx.parameter(block, "", prefix + "/bias");
    long kernel = ctx.shape(block, "", prefix + "/filters")[2];
    String out = ctx.graph().node(prefix, "Conv", List.of(x.value(), weight, bias),
        Attribute.ints("kernel_shape", kernel, kernel));
    return new Map2d(out, x.height() - kernel + 1, x.width() - kernel + 1);
  }

  /** Separable convolutions and a same max pool, plus a strided 1x1 expansion of the input. */
  private static Map2d reduction(ConversionContext ctx, Block block, String prefix, Map2d x, boolean activateInput) {
    OnnxGraph g = ctx.graph();
    Map2d out = activateInput ? x.with(g.op(prefix + ".relu_in", "Relu", x.value())) : x;
    out = separable(ctx, block, prefix + "/separable_conv0", out, 1);
    out = separable(ctx, block, prefix + "/separable_conv1", out.with(g.op(prefix + ".relu", "Relu", out.value())), 1);
    Map2d pooled = maxPoolSame(g, prefix + ".pool", out, 3, 2);
    Map2d expansion = conv(ctx, block, prefix + "/expansion_conv", x, 2);
    return pooled.with(g.op(prefix + ".add", "Add", pooled.value(), expansion.value()));
  }

  /** tf.maxPool(same): ONNX MaxPool never picks its padding, like TF's -infinity cells. */
  private static Map2d maxPoolSame(OnnxGraph g, String name, Map2d x, int kernel, int stride) {
    int[] ph = TfOps.samePadding(x.height(), kernel, stride);
    int[] pw = TfOps.samePadding(x.width(), kernel, stride);
    String out = g.node(name, "MaxPool", List.of(x.value()),
        Attribute.ints("kernel_shape", kernel, kernel),
        Attribute.ints("strides", stride, stride),
        Attribute.ints("pads", ph[0], pw[0], ph[1], pw[1]));
    return new Map2d(out, (x.height() + stride - 1) / stride, (x.width() + stride - 1) / stride);
  }

  /** (pixels - face-api's mean colour) / 255, with the input's spatial size. */
  private static Map2d normalised(ConversionContext ctx, String path, String x) {
    OnnxGraph g = ctx.graph();
    String mean = g.floats(ConversionContext.join(path, "mean_rgb"), FaceFeatureBlock.meanRgb(), 1, 3, 1, 1);
    String value = g.op(path + ".normalise", "Div", g.op(path + ".centre", "Sub", x, mean), g.scalar(255f));
    return new Map2d(value, ctx.inputShape().get(2), ctx.inputShape().get(3));
  }

  /** face-api's denseBlock4: each convolution sees the ReLU of the sum of all earlier outputs. */
  private static Map2d denseBlock(ConversionContext ctx, Block block, String prefix, Map2d x, boolean first) {
    OnnxGraph g = ctx.graph();
    Map2d out1 = first ? conv(ctx, block, prefix + "/conv0", x, 2) : separable(ctx, block, prefix + "/conv0", x, 2);
    String relu1 = g.op(prefix + ".relu0", "Relu", out1.value());
    String out2 = separable(ctx, block, prefix + "/conv1", out1.with(relu1), 1).value();
    String sum = g.op(prefix + ".sum1", "Add", relu1, out2);
    String out3 = separable(ctx, block, prefix + "/conv2", out1.with(g.op(prefix + ".relu1", "Relu", sum)), 1).value();
    sum = g.op(prefix + ".sum2", "Add", sum, out3);
    String out4 = separable(ctx, block, prefix + "/conv3", out1.with(g.op(prefix + ".relu2", "Relu", sum)), 1).value();
    return out1.with(g.op(prefix + ".out", "Relu", g.op(prefix + ".sum3", "Add", sum, out4)));
  }

  /** tf.conv2d(x, filters, stride, same) + bias. */
  private static Map2d conv(ConversionContext ctx, Block block, String prefix, Map2d x, int stride) {
    String weight = ctx.parameter(block, "", prefix + "/filters");
    String bias = ctx.parameter(block, "", prefix + "/bias");
    int kernel = (int) ctx.shape(block, "", prefix + "/filters")[2];
    return convSame(ctx.graph(), prefix, x, List.of(x.value(), weight, bias), kernel, stride, 1);
  }

  /** tf.separableConv2d: depthwise (one kernel per channel, same padding), then 1x1 with the bias. */
  private static Map2d separable(ConversionContext ctx, Block block, String prefix, Map2d x, int stride) {
    long[] depthwiseShape = ctx.shape(block, "", prefix + "/depthwise_filter");
    String depthwise = ctx.parameter(block, "", prefix + "/depthwise_filter");
    Map2d dw = convSame(ctx.graph(), prefix + ".depthwise", x, List.of(x.value(), depthwise),
        (int) depthwiseShape[2], stride, depthwiseShape[0]);
    String pointwise = ctx.parameter(block, "", prefix + "/pointwise_filter");
    String bias = ctx.parameter(block, "", prefix + "/bias");
    return dw.with(ctx.graph().op(prefix + ".pointwise", "Conv", dw.value(), pointwise, bias));
  }

  private static Map2d convSame(
      OnnxGraph g, String name, Map2d x, List<String> inputs, int kernel, int stride, long groups) {
    int[] ph = TfOps.samePadding(x.height(), kernel, stride);
    int[] pw = TfOps.samePadding(x.width(), kernel, stride);
    String out = g.node(name, "Conv", new ArrayList<>(inputs),
        Attribute.ints("kernel_shape", kernel, kernel),
        Attribute.ints("strides", stride, stride),
        Attribute.ints("pads", ph[0], pw[0], ph[1], pw[1]),
        Attribute.of("group", groups));
    return new Map2d(out, (x.height() + stride - 1) / stride, (x.width() + stride - 1) / stride);
  }

  /** x W^T + b, W stored (out, in) once loaded. */
  private static String dense(ConversionContext ctx, Block block, String prefix, String x) {
    long[] shape = ctx.shape(block, "", prefix + "/weights");
    float[] w = ctx.values(block, "", prefix + "/weights");
    float[] transposed = new float[w.length];
    int out = (int) shape[0];
    int in = (int) shape[1];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        transposed[i * out + o] = w[o * in + i];
      }
    }
    OnnxGraph g = ctx.graph();
    String weightT = g.floats(prefix + "/weights_t", transposed, in, out);
    String product = g.op(prefix + ".matmul", "MatMul", x, weightT);
    return g.op(prefix, "Add", product, ctx.parameter(block, "", prefix + "/bias"));
  }
}
