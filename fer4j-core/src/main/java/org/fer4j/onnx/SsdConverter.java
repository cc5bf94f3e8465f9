package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.face.faceapi.SsdMobilenetV1Block;
import org.fer4j.face.faceapi.TfOps;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * face-api's SSD MobileNet v1 face detector ({@link SsdMobilenetV1Block}): MobileNet with
 * ReLU6, the extra prediction layers, six box predictors, and the box decoding against the 5118
 * anchors; outputs the boxes (N, 5118, 4) as (ymin, xmin, ymax, xmax) relative to the input and
 * the face scores (N, 5118), before non-maximum suppression.
 */
final class SsdConverter {
  private static final String M = "MobilenetV1/Conv2d_";
  private static final String P = "Prediction/";

  private SsdConverter() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(SsdMobilenetV1Block.class, SsdConverter::ssd);
  }

  /** A map and its spatial size (square), which TF padding needs. */
  private record Map2d(String value, long side) {}

  private static List<String> ssd(ConversionContext ctx, Block block, String path, List<String> in) {
    OnnxGraph g = ctx.graph();
    String scaled = g.op("input.sub", "Sub", g.op("input.div", "Div", in.get(0), g.scalar(127.5f)), g.scalar(1f));
    Map2d x = pointwise(ctx, block, M + "0_pointwise", new Map2d(scaled, ctx.inputShape().get(2)), 2);
    Map2d conv11 = null;
    for (int i = 1; i <= 13; i++) {
      int stride = (i == 2 || i == 4 || i == 6 || i == 12) ? 2 : 1;
      x = depthwise(ctx, block, M + i + "_depthwise/", x, stride);
      x = pointwise(ctx, block, M + i + "_pointwise", x, 1);
      if (i == 11) {
        conv11 = x;
      }
    }
    List<Map2d> sources = new ArrayList<>(List.of(conv11, x));
    Map2d y = x;
    for (int i = 0; i <= 7; i++) {
      y = pointwise(ctx, block, P + "Conv2d_" + i + "_pointwise", y, i % 2 == 1 ? 2 : 1);
      if (i % 2 == 1) {
        sources.add(y);
      }
    }
    List<String> encodings = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      String b = P + "BoxPredictor_" + i + "/";
      encodings.add(predictor(ctx, block, b + "BoxEncodingPredictor", sources.get(i), 4));
      classes.add(predictor(ctx, block, b + "ClassPredictor", sources.get(i), 3));
    }
    String encoded = g.node("boxes.concat", "Concat", encodings, Attribute.of("axis", 1L));
    String classScores = g.node("classes.concat", "Concat", classes, Attribute.of("axis", 1L));
    String face = g.op("scores.face", "Slice", classScores, g.int64s("scores.start", 1), g.int64s("scores.end", 2),
        g.int64s("scores.axis", 2));
    String scores = g.op("scores", "Sigmoid", g.op("scores.squeeze", "Squeeze", face, g.int64s("scores.axis_sq", 2)));
    return List.of(decode(g, (SsdMobilenetV1Block) block, encoded), scores);
  }

  /** outputLayer.ts decodeBoxesLayer: centre offsets scaled by 1/10, log sizes by 1/5. */
  private static String decode(OnnxGraph g, SsdMobilenetV1Block block, String enc) {
    long anchors = SsdMobilenetV1Block.ANCHORS;
    String sizes = g.floats("anchor_sizes", block.anchorSizes(), anchors, 2);
    String centres = g.floats("anchor_centres", block.anchorCentres(), anchors, 2);
    String axis2 = g.int64s("decode.axis", 2);
    String offsets = g.op("decode.offsets", "Slice", enc, g.int64s("decode.zero", 0), g.int64s("decode.two", 2), axis2);
    String logSizes = g.op("decode.log_sizes", "Slice", enc, g.int64s("decode.two_", 2), g.int64s("decode.four", 4), axis2);
    String centre = g.op("decode.centre", "Add",
        g.op("decode.centre_scaled", "Mul", g.op("decode.centre_div", "Div", offsets, g.scalar(10f)), sizes), centres);
    String extent = g.op("decode.extent", "Mul",
        g.op("decode.exp", "Exp", g.op("decode.size_div", "Div", logSizes, g.scalar(5f))), sizes);
    String half = g.op("decode.half", "Div", extent, g.scalar(2f));
    return g.node("boxes", "Concat",
        List.of(g.op("decode.min", "Sub", centre, half), g.op("decode.max", "Add", centre, half)),
        Attribute.of("axis", 2L));
  }

  /** A same-padded convolution to (N, H*W*k, fields) rows, in TF's channels-last order. */
  private static String predictor(ConversionContext ctx, Block block, String prefix, Map2d x, long fields) {
    OnnxGraph g = ctx.graph();
    String conv = convSame(ctx, block, prefix, "/weights", "/biases", x, 1, 1).value();
    String nhwc = g.transpose(prefix + ".nhwc", conv, 0, 2, 3, 1);
    return g.reshape(prefix + ".rows", nhwc, 0, -1, fields);
  }

  /** Convolution + folded BatchNorm offset, ReLU6. */
  private static Map2d pointwise(ConversionContext ctx, Block block, String prefix, Map2d x, int stride) {
    Map2d out = convSame(ctx, block, prefix, "/weights", "/convolution_bn_offset", x, stride, 1);
    return new Map2d(relu6(ctx.graph(), prefix + ".relu6", out.value()), out.side());
  }

  /** 3x3 depthwise convolution, BatchNorm as scale and shift (computed as the block does), ReLU6. */
  private static Map2d depthwise(ConversionContext ctx, Block block, String d, Map2d x, int stride) {
    long channels = ctx.shape(block, "", d + "depthwise_weights")[0];
    Map2d conv = convSame(ctx, block, d + "depthwise_weights", "", null, x, stride, channels);
    float[] gamma = ctx.values(block, "", d + "BatchNorm/gamma");
    float[] beta = ctx.values(block, "", d + "BatchNorm/beta");
    float[] mean = ctx.values(block, "", d + "BatchNorm/moving_mean");
    float[] variance = ctx.values(block, "", d + "BatchNorm/moving_variance");
    float[] scale = new float[gamma.length];
    float[] shift = new float[gamma.length];
    for (int c = 0; c < gamma.length; c++) {
      scale[c] = gamma[c] / (float) Math.sqrt(variance[c] + SsdMobilenetV1Block.batchNormEpsilon());
      shift[c] = beta[c] - mean[c] * scale[c];
    }
    OnnxGraph g = ctx.graph();
    String scaled = g.op(d + "bn_scale", "Mul", conv.value(), g.floats(d + "bn_scale_value", scale, 1, channels, 1, 1));
    String shifted = g.op(d + "bn_shift", "Add", scaled, g.floats(d + "bn_shift_value", shift, 1, channels, 1, 1));
    return new Map2d(relu6(g, d + "relu6", shifted), conv.side());
  }

  private static Map2d convSame(ConversionContext ctx, Block block, String prefix, String weightName,
      String biasName, Map2d x, int stride, long groups) {
    String weight = ctx.parameter(block, "", prefix + weightName);
    int kernel = (int) ctx.shape(block, "", prefix + weightName)[2];
    List<String> inputs = biasName == null
        ? List.of(x.value(), weight)
        : List.of(x.value(), weight, ctx.parameter(block, "", prefix + biasName));
    int[] pad = TfOps.samePadding(x.side(), kernel, stride);
    String out = ctx.graph().node(prefix.replace('/', '.') + ".conv", "Conv", inputs,
        Attribute.ints("kernel_shape", kernel, kernel),
        Attribute.ints("strides", stride, stride),
        Attribute.ints("pads", pad[0], pad[0], pad[1], pad[1]),
        Attribute.of("group", groups));
    return new Map2d(out, (x.side() + stride - 1) / stride);
  }

  private static String relu6(OnnxGraph g, String name, String x) {
    return g.op(name, "Clip", x, g.scalar(0f), g.scalar(6f));
  }
}
