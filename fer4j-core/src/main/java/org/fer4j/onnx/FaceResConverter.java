package org.fer4j.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.Map;
import org.fer4j.face.faceapi.TfOps;
import org.fer4j.models.faceres.FaceResMobileNet;
import org.fer4j.onnx.OnnxProto.Attribute;

/**
 * Converter of {@link FaceResMobileNet}: each unit is a Conv with TF {@code same} padding written
 * into its {@code pads} (the smaller half first, from the map size at that point), BatchNorm, and
 * ReLU6 as Clip(0, 6); then the mean over H and W, {@code feats} with ReLU, and {@code fc}.
 */
final class FaceResConverter {
  private FaceResConverter() {}

  static void register(Map<Class<? extends Block>, BlockConverter> into) {
    into.put(FaceResMobileNet.class, LayerConverters.single(FaceResConverter::convert));
  }

  private static String convert(ConversionContext ctx, Block block, String path, String x) {
    OnnxGraph g = ctx.graph();
    long height = ctx.inputShape().get(2);
    long width = ctx.inputShape().get(3);
    String cur = x;
    for (String name : FaceResMobileNet.unitNames()) {
      String at = ConversionContext.join(path, name);
      Conv2d conv = (Conv2d) ctx.child(block, path, name);
      int kernel = (int) conv.getKernelShape().get(0);
      int stride = (int) conv.getStride().get(0);
      int[] ph = TfOps.samePadding(height, kernel, stride);
      int[] pw = TfOps.samePadding(width, kernel, stride);
      cur = g.node(at, "Conv", List.of(cur, ctx.parameter(conv, at, "weight")),
          Attribute.ints("kernel_shape", kernel, kernel),
          Attribute.ints("strides", stride, stride),
          Attribute.ints("pads", ph[0], pw[0], ph[1], pw[1]),
          Attribute.of("group", (long) conv.getGroups()));
      cur = ctx.convertChild(block, path, name + "_bn", cur);
      cur = g.op(at + ".relu6", "Clip", cur, g.scalar(0f), g.scalar(6f));
      height = (height + stride - 1) / stride;
      width = (width + stride - 1) / stride;
    }
    String pooled = g.reduce(ConversionContext.join(path, "global_pooling"), "ReduceMean", cur, false, 2, 3);
    String hidden = g.op(ConversionContext.join(path, "feats.relu"), "Relu", ctx.convertChild(block, path, "feats", pooled));
    return ctx.convertChild(block, path, "fc", hidden);
  }
}
