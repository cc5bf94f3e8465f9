package org.fer4j.face.faceapi;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.face.Detection;
import org.fer4j.face.FaceBoxes;
import org.fer4j.face.FaceBoxes.Ltrb;
import org.fer4j.face.RgbImage;

/**
 * Box decoding of face-api's two detectors, batched over images: one forward pass for all of
 * them, then per-image decoding and non-maximum suppression exactly as face-api does it.
 */
public final class FaceApiDetectors {
  /** Tiny face detector anchors in grid cells ({@code src/tinyFaceDetector/const.ts}). */
  static final double[][] TINY_ANCHORS = {
    {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061},
    {4.266906, 5.178857}, {9.041765, 10.66308}
  };

  static final double TINY_IOU = 0.4;
  static final double SSD_IOU = 0.5;

  private FaceApiDetectors() {}

  /**
   * face-api's network input: the image zero-padded at the bottom/right to a square and resized
   * to {@code size} ({@code NetInput.toBatchTensor(size, false)}).
   */
  public static RgbImage detectorInput(RgbImage image, int size) {
    return image.squareResized(size, false);
  }

  /** Input correction of face-api's {@code computeReshapedDimensions}: size / rounded side. */
  static double[] correction(RgbImage image, int size) {
    double scale = (double) size / Math.max(image.width(), image.height());
    return new double[] {
      size / (double) Math.round(image.width() * scale), size / (double) Math.round(image.height() * scale)
    };
  }

  /**
   * The tiny face detector on a batch of images ({@code TinyYolov2Base.detect} /
   * {@code extractBoxes}).
   *
   * @param inputSize network input side, a multiple of 32 (face-api's default 416)
   * @param minScore keep boxes whose sigmoid score is above this (face-api's default 0.5)
   */
  public static List<List<Detection>> tiny(
      TinyFaceDetectorBlock block, List<RgbImage> images, int inputSize, double minScore) {
    return tiny((NetRunner) inputs -> FaceApiModels.run(block, inputs), images, inputSize, minScore);
  }

  /** {@link #tiny(TinyFaceDetectorBlock, List, int, double)} on any engine's forward pass. */
  public static List<List<Detection>> tiny(NetRunner net, List<RgbImage> images, int inputSize, double minScore) {
    List<RgbImage> inputs = images.stream().map(i -> detectorInput(i, inputSize)).toList();
    float[] out = net.run(inputs)[0];
    int cells = (int) TinyFaceDetectorBlock.gridSize(inputSize);
    int perImage = 25 * cells * cells;
    List<List<Detection>> result = new ArrayList<>();
    for (int n = 0; n < images.size(); n++) {
      result.add(decodeTiny(out, n * perImage, cells, images.get(n), inputSize, minScore));
    }
    return result;
  }

  private static List<Detection> decodeTiny(
      float[] out, int base, int cells, RgbImage image, int inputSize, double minScore) {
    double[] corr = correction(image, inputSize);
    List<Ltrb> boxes = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    int plane = cells * cells;
    for (int row = 0; row < cells; row++) {
      for (int col = 0; col < cells; col++) {
        for (int a = 0; a < TINY_ANCHORS.length; a++) {
          int at = base + (5 * a) * plane + row * cells + col;
          double score = sigmoid(out[at + 4 * plane]);
          if (score <= minScore) {
            continue;
          }
          double cx = (col + sigmoid(out[at])) / cells * corr[0];
          double cy = (row + sigmoid(out[at + plane])) / cells * corr[1];
          double w = Math.exp(out[at + 2 * plane]) * TINY_ANCHORS[a][0] / cells * corr[0];
          double h = Math.exp(out[at + 3 * plane]) * TINY_ANCHORS[a][1] / cells * corr[1];
          double x = cx - w / 2;
          double y = cy - h / 2;
          boxes.add(new Ltrb(x, y, x + w, y + h));
          scores.add(score);
        }
      }
    }
    // face-api runs NMS on relative boxes scaled by the input size; IoU does not change.
    List<Detection> detections = new ArrayList<>();
    for (int i : FaceBoxes.nonMaxSuppression(boxes, scores, TINY_IOU)) {
      detections.add(toPixels(scores.get(i), boxes.get(i), image));
    }
    return detections;
  }

  /**
   * SSD MobileNet V1 on a batch of images ({@code SsdMobilenetv1.locateFaces} and its own
   * {@code nonMaxSuppression}: IoU 0.5, boxes clipped to [0, 1]).
   */
  public static List<List<Detection>> ssd(
      SsdMobilenetV1Block block, List<RgbImage> images, double minScore, int maxResults) {
    return ssd((NetRunner) inputs -> FaceApiModels.run(block, inputs), images, minScore, maxResults);
  }

  /** {@link #ssd(SsdMobilenetV1Block, List, double, int)} on any engine's forward pass. */
  public static List<List<Detection>> ssd(NetRunner net, List<RgbImage> images, double minScore, int maxResults) {
    int size = SsdMobilenetV1Block.INPUT_SIZE;
    List<RgbImage> inputs = images.stream().map(i -> detectorInput(i, size)).toList();
    float[][] out = net.run(inputs);
    int anchors = SsdMobilenetV1Block.ANCHORS;
    List<List<Detection>> result = new ArrayList<>();
    for (int n = 0; n < images.size(); n++) {
      List<Ltrb> boxes = new ArrayList<>(anchors);
      List<Double> scores = new ArrayList<>(anchors);
      for (int k = 0; k < anchors; k++) {
        int at = (n * anchors + k) * 4;
        // (ymin, xmin, ymax, xmax) -> left, top, right, bottom
        boxes.add(new Ltrb(out[0][at + 1], out[0][at], out[0][at + 3], out[0][at + 2]));
        scores.add((double) out[1][n * anchors + k]);
      }
      result.add(decodeSsd(boxes, scores, images.get(n), minScore, maxResults));
    }
    return result;
  }

  private static List<Detection> decodeSsd(
      List<Ltrb> boxes, List<Double> scores, RgbImage image, double minScore, int maxResults) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      if (scores.get(i) > minScore) {
        candidates.add(i);
      }
    }
    candidates.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
    List<Integer> selected = new ArrayList<>();
    for (int c : candidates) {
      if (selected.size() >= maxResults) {
        break;
      }
      boolean keep = true;
      for (int s : selected) {
        if (FaceBoxes.iou(boxes.get(c), boxes.get(s)) > SSD_IOU) {
          keep = false;
          break;
        }
      }
      if (keep) {
        selected.add(c);
      }
    }
    double[] corr = correction(image, SsdMobilenetV1Block.INPUT_SIZE);
    List<Detection> detections = new ArrayList<>();
    for (int i : selected) {
      Ltrb b = boxes.get(i);
      Ltrb clipped =
          new Ltrb(
              Math.max(0, b.left()) * corr[0], Math.max(0, b.top()) * corr[1],
              Math.min(1, b.right()) * corr[0], Math.min(1, b.bottom()) * corr[1]);
      detections.add(toPixels(scores.get(i), clipped, image));
    }
    return detections;
  }

  private static Detection toPixels(double score, Ltrb rel, RgbImage image) {
    double x = rel.left() * image.width();
    double y = rel.top() * image.height();
    double w = Math.max(rel.width() * image.width(), 1e-3);
    double h = Math.max(rel.height() * image.height(), 1e-3);
    return new Detection(score, new FaceBox((float) x, (float) y, (float) w, (float) h));
  }

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
