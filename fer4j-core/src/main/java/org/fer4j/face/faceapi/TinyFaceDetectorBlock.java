package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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
    NDArray x = inputs.singletonOrThrow();
    NDArray mean = x.getManager().create(MEAN_RGB, new Shape(1, 3, 1, 1));
    x = x.sub(mean).div(255f);
    x = TfOps.leaky(TfOps.convValid(x, p("conv0/filters"), p("conv0/bias")));
    for (int i = 1; i <= 5; i++) {
      x = TfOps.maxPoolSame(x, 2, 2);
      // src/tinyYolov2/depthwiseSeparableConv.ts pads 1 on every side then runs 'valid':
      // the same as stride-1 'same'.
      x = TfOps.leaky(separable(x, "conv" + i, 1));
    }
    x = TfOps.maxPoolSame(x, 2, 1);
    return new NDList(TfOps.convValid(x, p("conv8/filters"), p("conv8/bias")));
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
