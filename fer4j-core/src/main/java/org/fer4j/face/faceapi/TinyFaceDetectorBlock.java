package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * face-api's tiny face detector network: a Tiny-YOLOv2-style MobileNet with separable
 * convolutions, 5 anchors and one class.
 *
 * <p>Follows {@code src/tinyYolov2/TinyYolov2Base.ts} ({@code runMobilenet},
 * {@code forwardInput}) and {@code src/tinyFaceDetector/TinyFaceDetector.ts} of
 * <a href="https://github.com/vladmandic/face-api">vladmandic/face-api</a> 1.7.15 (MIT):
 * conv0 3x3 valid, then five separable convolutions each followed by a 2x2 max pool ('same';
 * stride 2, the last stride 1), then a 1x1 convolution to 5 x (4 box + 1 score) channels.
 *
 * <p>Input: RGB in 0..255, NCHW, a multiple of 32 on each side. Output: raw NCHW map
 * {@code [N, 25, S/32, S/32]}; channel {@code 5 * anchor + field}.
 */
public final class TinyFaceDetectorBlock extends TfjsBlock {
  /** Per-channel means subtracted from 0..255 input ({@code src/tinyFaceDetector/const.ts}). */
  static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};

  public TinyFaceDetectorBlock() {
    declareConv("conv0");
    for (int i = 1; i <= 5; i++) {
      declareSeparable("conv" + i);
    }
    declareConv("conv8");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    // (x - mean) / 255 is folded into conv0 (see fold), which is 'valid': no padding to differ.
    NDArray x = TfOps.convValid(inputs.singletonOrThrow(), p("conv0/filters"), p("conv0/bias"));
    for (int i = 1; i <= 5; i++) {
      x = TfOps.maxPoolSame(x, 2, 2);
      if (i == 1) {
        // leaky(conv0) then pool == pool then leaky (leaky is increasing, so it commutes with
        // max exactly): on a quarter of the values.
        x = TfOps.leaky(x);
      }
      // src/tinyYolov2/depthwiseSeparableConv.ts pads 1 on every side then runs 'valid':
      // the same as stride-1 'same'.
      x = TfOps.leaky(separable(x, "conv" + i, 1));
    }
    x = TfOps.maxPoolSame(x, 2, 1);
    return new NDList(TfOps.convValid(x, p("conv8/filters"), p("conv8/bias")));
  }

  /**
   * Folds the input normalisation {@code (x - mean) / 255} into conv0 once at load time:
   * {@code W' = W / 255}, {@code b' = b - sum(W * mean) / 255}, so the network takes 0..255
   * pixels directly and skips two passes over the 416x416 input.
   */
  @Override
  protected void fold(Map<String, NDArray> arrays, NDManager manager) {
    NDArray filters = arrays.get("conv0/filters");
    NDArray biases = arrays.get("conv0/bias");
    Shape shape = filters.getShape(); // OIHW
    float[] w = filters.toFloatArray();
    float[] b = biases.toFloatArray();
    int perOut = (int) (shape.get(1) * shape.get(2) * shape.get(3));
    int perChannel = (int) (shape.get(2) * shape.get(3));
    for (int o = 0; o < b.length; o++) {
      double shift = 0;
      for (int k = 0; k < perOut; k++) {
        shift += w[o * perOut + k] * (double) MEAN_RGB[k / perChannel];
      }
      b[o] = (float) (b[o] - shift / 255);
    }
    for (int k = 0; k < w.length; k++) {
      w[k] /= 255f;
    }
    arrays.put("conv0/filters", manager.create(w, shape));
    arrays.put("conv0/bias", manager.create(b, biases.getShape()));
    filters.close();
    biases.close();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), 25, gridSize(in.get(2)), gridSize(in.get(3)))};
  }

  /** Cells per side for an input side: 3x3 valid conv, then five stride-2 'same' pools. */
  public static long gridSize(long inputSide) {
    long n = inputSide - 2;
    for (int i = 0; i < 5; i++) {
      n = (n + 1) / 2;
    }
    return n;
  }

  @Override
  public String toString() {
    return "TinyFaceDetectorBlock(face-api tiny_face_detector_model, " + DataType.FLOAT32 + ")";
  }
}
