package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * TensorFlow's convolution and pooling semantics on PyTorch NCHW arrays, as the face-api
 * networks were trained with them.
 *
 * <p>TF's {@code same} padding gives {@code ceil(n / stride)} outputs and splits the padding
 * {@code max((out - 1) * stride + k - n, 0)} with the smaller half before: on a stride-2 3x3
 * convolution over an even size that is one row and column at the bottom/right only, which
 * PyTorch's symmetric {@code padding} cannot express, so it is padded explicitly here. Source:
 * TensorFlow's {@code tensorflow/core/framework/kernel_shape_util.cc}
 * ({@code GetWindowedOutputSizeVerbose}).
 *
 * <p>Every result stays on the input's NDManager (the input is always the first operand).
 */
public final class TfOps {
  private TfOps() {}

  /** Padding {before, after} of TF {@code same} for one axis. */
  public static int[] samePadding(long size, int kernel, int stride) {
    long out = (size + stride - 1) / stride;
    long total = Math.max((out - 1) * stride + kernel - size, 0);
    long before = total / 2;
    return new int[] {(int) before, (int) (total - before)};
  }

  /** Pads H and W of an NCHW array the way TF {@code same} would, with {@code value}. */
  public static NDArray padSame(NDArray x, int kernel, int stride, double value) {
    Shape s = x.getShape();
    int[] ph = samePadding(s.get(2), kernel, stride);
    int[] pw = samePadding(s.get(3), kernel, stride);
    if (ph[0] == 0 && ph[1] == 0 && pw[0] == 0 && pw[1] == 0) {
      return x;
    }
    // torch pad order: last axis first (left, right, top, bottom).
    return x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), value);
  }

  /** {@code tf.conv2d(x, w, stride, same) + b}; weight OIHW, square kernel. */
  public static NDArray convSame(NDArray x, NDArray weight, NDArray bias, int stride) {
    return convSame(x, weight, bias, stride, 1);
  }

  /**
   * {@code tf.conv2d} (groups 1) or a depthwise convolution (groups = channels, weight
   * {@code [C,1,k,k]}) with TF {@code same} padding, plus bias (may be null).
   */
  public static NDArray convSame(NDArray x, NDArray weight, NDArray bias, int stride, int groups) {
    int k = (int) weight.getShape().get(2);
    Shape symmetric = symmetricSamePadding(x.getShape(), k, stride);
    NDArray input = symmetric != null ? x : padSame(x, k, stride, 0);
    Shape padding = symmetric != null ? symmetric : new Shape(0, 0);
    return Conv2d.conv2d(input, weight, bias, new Shape(stride, stride), padding, new Shape(1, 1), groups)
        .singletonOrThrow();
  }

  /**
   * The convolution's own padding when TF's {@code same} padding is the same on both sides of
   * both axes (always so for stride 1 and odd kernels), else null. The convolution then pads
   * inside its kernel: an explicit pad costs a fill and a copy of the whole tensor (on the tiny
   * detector's 416 px input, about a fifth of its time).
   */
  static Shape symmetricSamePadding(Shape s, int kernel, int stride) {
    int[] ph = samePadding(s.get(2), kernel, stride);
    int[] pw = samePadding(s.get(3), kernel, stride);
    return ph[0] == ph[1] && pw[0] == pw[1] ? new Shape(ph[0], pw[0]) : null;
  }

  /** {@code tf.conv2d(x, w, 1, valid) + b}. */
  public static NDArray convValid(NDArray x, NDArray weight, NDArray bias) {
    return Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(0, 0)).singletonOrThrow();
  }

  /**
   * {@code tf.separableConv2d(x, depthwise, pointwise, stride, same) + bias}: a depthwise
   * convolution (weight {@code [C,1,k,k]}) then a 1x1 pointwise one carrying the bias.
   */
  public static NDArray separableSame(
      NDArray x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride) {
    int channels = (int) depthwise.getShape().get(0);
    NDArray dw = convSame(x, depthwise, null, stride, channels);
    return Conv2d.conv2d(dw, pointwise, bias).singletonOrThrow();
  }

  /** {@code tf.maxPool(x, k, stride, same)}: padded cells never win (they hold -infinity). */
  public static NDArray maxPoolSame(NDArray x, int kernel, int stride) {
    Shape s = x.getShape();
    if (kernel == stride
        && samePadding(s.get(2), kernel, stride)[0] == 0
        && samePadding(s.get(3), kernel, stride)[0] == 0) {
      // Non-overlapping windows padded only after: ceil mode's partial last window is exactly
      // TF's -inf padding, without a padded copy of the tensor.
      return Pool.maxPool2d(
          x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), true);
    }
    NDArray padded = padSame(x, kernel, stride, Double.NEGATIVE_INFINITY);
    return Pool.maxPool2d(
        padded, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
  }

  /** face-api's leaky ReLU with slope 0.1 ({@code src/tinyYolov2/leaky.ts}). */
  public static NDArray leaky(NDArray x) {
    // One fused op: leaky_relu(x, 0.1) == max(x, 0.1 x), which face-api writes as
    // relu(x - 0.1 x) + 0.1 x.
    return ai.djl.nn.Activation.leakyRelu(x, 0.1f);
  }

  /** ReLU as one op (not clip, which takes two bounds). */
  public static NDArray relu(NDArray x) {
    return ai.djl.nn.Activation.relu(x);
  }

  /** Mean over H and W of an NCHW array: {@code avgPool(7, 2, valid)} on a 7x7 map. */
  public static NDArray globalAverage(NDArray x) {
    return x.mean(new int[] {3}).mean(new int[] {2});
  }
}
