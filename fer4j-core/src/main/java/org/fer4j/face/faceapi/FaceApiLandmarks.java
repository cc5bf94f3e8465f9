package org.fer4j.face.faceapi;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.face.RgbImage;

/**
 * face-api's face crops and 68-point landmark decoding, batched over every face of every image.
 *
 * <p>Follows {@code src/dom/extractFaceTensors.ts} (clip the box at the image borders, floor,
 * slice), {@code src/faceLandmarkNet/FaceLandmark68NetBase.ts} ({@code postProcess}: undo the
 * centred square padding) and {@code src/classes/FaceLandmarks.ts} ({@code alignMinBbox}: the
 * box around the landmarks padded by 20%) of
 * <a href="https://github.com/vladmandic/face-api">vladmandic/face-api</a> 1.7.15 (MIT).
 */
public final class FaceApiLandmarks {
  /** Padding of face-api's landmark-aligned box, as a share of its width and height. */
  public static final double ALIGN_PADDING = 0.2;

  private FaceApiLandmarks() {}

  /** Integer crop rectangle {x, y, w, h} of a box clipped at the image, or null if empty. */
  public static int[] clipAndFloor(FaceBox box, int imageWidth, int imageHeight) {
    double x = Math.max(box.x(), 0);
    double y = Math.max(box.y(), 0);
    double w = Math.min(box.x() + box.width() - x, imageWidth - x);
    double h = Math.min(box.y() + box.height() - y, imageHeight - y);
    int[] r = {(int) Math.floor(x), (int) Math.floor(y), (int) Math.floor(w), (int) Math.floor(h)};
    if (r[2] <= 0 || r[3] <= 0) {
      return null;
    }
    r[2] = Math.min(r[2], imageWidth - r[0]);
    r[3] = Math.min(r[3], imageHeight - r[1]);
    return r;
  }

  /** The 112x112 net input of a face crop: centred square padding, then bilinear resize. */
  public static RgbImage faceInput(RgbImage crop) {
    return crop.squareResized(FaceFeatureBlock.INPUT_SIZE, true);
  }

  /**
   * 68 landmarks for each crop, in image pixels.
   *
   * @param crops face crops (from {@link #clipAndFloor})
   * @param origins the detection box corner each crop's landmarks are shifted by (face-api
   *     shifts by the unfloored detection box, not the crop)
   * @return per crop, 68 points as {x0, y0, x1, y1, ...}
   */
  public static List<float[]> landmarks(FaceFeatureBlock net, List<RgbImage> crops, List<double[]> origins) {
    return landmarks((NetRunner) inputs -> FaceApiModels.run(net, inputs), crops, origins);
  }

  /** {@link #landmarks(FaceFeatureBlock, List, List)} on any engine's forward pass. */
  public static List<float[]> landmarks(NetRunner net, List<RgbImage> crops, List<double[]> origins) {
    if (crops.isEmpty()) {
      return new ArrayList<>();
    }
    return decodeAll(net.run(crops.stream().map(FaceApiLandmarks::faceInput).toList())[0], crops, origins);
  }

  /**
   * The second half of {@link #landmarks(NetRunner, List, List)}: 68 points per crop, in image
   * pixels, from the landmark net's output on the crops' {@link #faceInput}s.
   */
  public static List<float[]> decodeAll(float[] out, List<RgbImage> crops, List<double[]> origins) {
    List<float[]> result = new ArrayList<>();
    for (int f = 0; f < crops.size(); f++) {
      result.add(decode(out, f * 136, crops.get(f).width(), crops.get(f).height(), origins.get(f)));
    }
    return result;
  }

  /** {@code FaceLandmark68NetBase.postProcess} then the shift into image coordinates. */
  static float[] decode(float[] out, int offset, int cropW, int cropH, double[] origin) {
    int size = FaceFeatureBlock.INPUT_SIZE;
    double scale = (double) size / Math.max(cropW, cropH);
    double w = cropW * scale;
    double h = cropH * scale;
    double padX = w < h ? Math.abs(w - h) / 2 : 0;
    double padY = h < w ? Math.abs(w - h) / 2 : 0;
    float[] pts = new float[136];
    for (int i = 0; i < 68; i++) {
      double rx = (out[offset + 2 * i] * size - padX) / w;
      double ry = (out[offset + 2 * i + 1] * size - padY) / h;
      pts[2 * i] = (float) (rx * cropW + origin[0]);
      pts[2 * i + 1] = (float) (ry * cropH + origin[1]);
    }
    return pts;
  }

  /** face-api's {@code alignedRect}: the landmarks' bounding box grown by 20% each way. */
  public static FaceBox alignedBox(float[] pts) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = 0;
    double maxY = 0;
    for (int i = 0; i < pts.length / 2; i++) {
      minX = Math.min(minX, pts[2 * i]);
      minY = Math.min(minY, pts[2 * i + 1]);
      maxX = Math.max(maxX, pts[2 * i]);
      maxY = Math.max(maxY, pts[2 * i + 1]);
    }
    double w = maxX - minX;
    double h = maxY - minY;
    double padX = w * ALIGN_PADDING;
    double padY = h * ALIGN_PADDING;
    return new FaceBox(
        (float) (minX - padX / 2), (float) (minY - padY / 2), (float) (w + padX), (float) (h + padY));
  }
}
