package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.weights.TfjsWeights;

/**
 * face-api's SSD MobileNet V1 face detector: MobileNet V1 (depthwise convolutions with frozen
 * batch norm, ReLU6), eight extra feature layers and six box predictors over 5118 anchors.
 *
 * <p>Follows {@code src/ssdMobilenetv1/} ({@code mobileNetV1.ts}, {@code predictionLayer.ts},
 * {@code outputLayer.ts}, {@code extractParamsFromWeightMap.ts}) of
 * <a href="https://github.com/vladmandic/face-api">vladmandic/face-api</a> 1.7.15 (MIT); the
 * architecture is Howard et al., MobileNets, <a href="https://arxiv.org/abs/1704.04861">
 * arXiv:1704.04861</a>, with the SSD head of Liu et al., <a
 * href="https://arxiv.org/abs/1512.02325">arXiv:1512.02325</a>.
 *
 * <p>Input: RGB 0..255, NCHW {@code [N,3,512,512]}. Output: decoded boxes {@code [N,5118,4]}
 * as (ymin, xmin, ymax, xmax) relative to the input square, and face scores {@code [N,5118]}.
 */
public final class SsdMobilenetV1Block extends TfjsBlock {
  /** Side of the square input. */
  public static final int INPUT_SIZE = 512;

  /** Number of anchors. */
  public static final int ANCHORS = 5118;

  private static final String M = "MobilenetV1/Conv2d_";
  private static final String P = "Prediction/";
  private static final float BN_EPSILON = 0.0010000000474974513f;

  public SsdMobilenetV1Block() {
    declarePointwise(M + "0_pointwise");
    for (int i = 1; i <= 13; i++) {
      String d = M + i + "_depthwise/";
      declare(d + "depthwise_weights", Layout.DEPTHWISE);
      for (String bn : new String[] {"gamma", "beta", "moving_mean", "moving_variance"}) {
        declare(d + "BatchNorm/" + bn, Layout.VECTOR);
      }
      declarePointwise(M + i + "_pointwise");
    }
    for (int i = 0; i <= 7; i++) {
      declarePointwise(P + "Conv2d_" + i + "_pointwise");
    }
    for (int i = 0; i <= 5; i++) {
      String b = P + "BoxPredictor_" + i + "/";
      declare(b + "BoxEncodingPredictor/weights", Layout.CONV);
      declare(b + "BoxEncodingPredictor/biases", Layout.VECTOR);
      declare(b + "ClassPredictor/weights", Layout.CONV);
      declare(b + "ClassPredictor/biases", Layout.VECTOR);
    }
  }

  private void declarePointwise(String prefix) {
    declare(prefix + "/weights", Layout.CONV);
    declare(prefix + "/convolution_bn_offset", Layout.VECTOR);
  }

  // Derived once at load time on the weights' manager, so no call allocates there.
  private NDArray anchorSizes;
  private NDArray anchorCentres;
  private final java.util.Map<String, NDArray[]> bnScaleShift = new java.util.HashMap<>();

  @Override
  public void load(TfjsWeights weights, NDManager manager) {
    super.load(weights, manager);
    // Output/extra_dim: the anchors as (ymin, xmin, ymax, xmax), shape [1, 5118, 4].
    NDArray a = weights.raw(manager, "Output/extra_dim").reshape(ANCHORS, 4);
    anchorSizes = a.get(":, 2:4").sub(a.get(":, 0:2"));
    anchorCentres = a.get(":, 0:2").add(anchorSizes.div(2f));
    for (int i = 1; i <= 13; i++) {
      String d = M + i + "_depthwise/";
      NDArray scale =
          p(d + "BatchNorm/gamma").div(p(d + "BatchNorm/moving_variance").add(BN_EPSILON).sqrt());
      NDArray shift = p(d + "BatchNorm/beta").sub(p(d + "BatchNorm/moving_mean").mul(scale));
      long c = scale.size();
      bnScaleShift.put(d, new NDArray[] {scale.reshape(1, c, 1, 1), shift.reshape(1, c, 1, 1)});
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow().div(127.5f).sub(1f);
    x = pointwise(x, M + "0_pointwise", 2);
    NDArray conv11 = null;
    for (int i = 1; i <= 13; i++) {
      int stride = (i == 2 || i == 4 || i == 6 || i == 12) ? 2 : 1;
      x = depthwise(x, M + i + "_depthwise/", stride);
      x = pointwise(x, M + i + "_pointwise", 1);
      if (i == 11) {
        conv11 = x;
      }
    }
    List<NDArray> sources = new ArrayList<>(List.of(conv11, x));
    NDArray y = x;
    for (int i = 0; i <= 7; i++) {
      y = pointwise(y, P + "Conv2d_" + i + "_pointwise", i % 2 == 1 ? 2 : 1);
      if (i % 2 == 1) {
        sources.add(y);
      }
    }
    long n = x.getShape().get(0);
    NDList encodings = new NDList();
    NDList classes = new NDList();
    for (int i = 0; i < sources.size(); i++) {
      String b = P + "BoxPredictor_" + i + "/";
      NDArray s = sources.get(i);
      encodings.add(nhwc(TfOps.convSame(s, p(b + "BoxEncodingPredictor/weights"), p(b + "BoxEncodingPredictor/biases"), 1)).reshape(n, -1, 4));
      classes.add(nhwc(TfOps.convSame(s, p(b + "ClassPredictor/weights"), p(b + "ClassPredictor/biases"), 1)).reshape(n, -1, 3));
    }
    NDArray boxes = decode(NDArrays.concat(encodings, 1));
    NDArray scores = Activation.sigmoid(NDArrays.concat(classes, 1).get(":, :, 1"));
    return new NDList(boxes, scores);
  }

  private static NDArray nhwc(NDArray x) {
    return x.transpose(0, 2, 3, 1);
  }

  // outputLayer.ts decodeBoxesLayer: centre offsets scaled by 1/10, log sizes by 1/5.
  private NDArray decode(NDArray enc) {
    NDArray centre = enc.get(":, :, 0:2").div(10f).mul(anchorSizes).add(anchorCentres);
    NDArray half = enc.get(":, :, 2:4").div(5f).exp().mul(anchorSizes).div(2f);
    return centre.sub(half).concat(centre.add(half), 2);
  }

  private NDArray pointwise(NDArray x, String prefix, int stride) {
    NDArray out = TfOps.convSame(x, p(prefix + "/weights"), p(prefix + "/convolution_bn_offset"), stride);
    return out.clip(0f, 6f);
  }

  private NDArray depthwise(NDArray x, String d, int stride) {
    NDArray w = p(d + "depthwise_weights");
    int channels = (int) w.getShape().get(0);
    NDArray padded = TfOps.padSame(x, 3, stride, 0);
    NDArray out =
        ai.djl.nn.convolutional.Conv2d.conv2d(
                padded, w, null, new Shape(stride, stride), new Shape(0, 0), new Shape(1, 1), channels)
            .singletonOrThrow();
    NDArray[] bn = bnScaleShift.get(d);
    return out.mul(bn[0]).add(bn[1]).clip(0f, 6f);
  }

  /** The anchors' (height, width), shape (ANCHORS, 2), once loaded (for exporters). */
  public float[] anchorSizes() {
    return anchorSizes.toFloatArray();
  }

  /** The anchors' (y, x) centres, shape (ANCHORS, 2), once loaded (for exporters). */
  public float[] anchorCentres() {
    return anchorCentres.toFloatArray();
  }

  /** The BatchNorm epsilon of the depthwise layers (TF's 0.001 as stored). */
  public static float batchNormEpsilon() {
    return BN_EPSILON;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    return new Shape[] {new Shape(n, ANCHORS, 4), new Shape(n, ANCHORS)};
  }
}
