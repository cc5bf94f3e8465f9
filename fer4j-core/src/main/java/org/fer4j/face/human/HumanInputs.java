package org.fer4j.face.human;

import org.fer4j.data.FaceBox;
import org.fer4j.face.RgbImage;

/**
 * The inputs of Human's networks, prepared as Human prepares them, in Human's numerics (tfjs CPU
 * backend: float32 tensors, arithmetic in doubles):
 *
 * <ol>
 *   <li>the face tensor: {@code tf.image.cropAndResize} of the face box to 192x192 (Human's face
 *       size, its mesh model's input), divided by 255 ({@code cutAndResize},
 *       {@code src/face/facemeshutil.ts});
 *   <li>emotion: bilinear resize to 64x64, R,G,B weighted 0.2989/0.5870/0.1140 and summed, then
 *       {@code (g - 0.5) * 2} ({@code src/gear/emotion.ts});
 *   <li>faceres: bilinear resize to 224x224, times 255 ({@code enhance}, {@code src/face/faceres.ts}).
 * </ol>
 *
 * <p>Human cuts the face with the box of its own mesh model, which fer4j does not run; fer4j uses
 * its detector's box made square about its centre ({@link #squareBox}), the same box
 * {@code tools/golden/golden-human.js} gives Human.
 */
public final class HumanInputs {
  /** Side of Human's face tensor. */
  public static final int FACE_SIZE = 192;

  /** Human's grey weights for R, G, B (MATLAB's rgb2gray). */
  private static final float[] GREY = {0.2989f, 0.5870f, 0.1140f};

  private HumanInputs() {}

  /** The detector box made square (side max(width, height)) about its centre. */
  public static FaceBox squareBox(FaceBox box) {
    float side = Math.max(box.width(), box.height());
    float cx = box.x() + box.width() / 2;
    float cy = box.y() + box.height() / 2;
    return new FaceBox(cx - side / 2, cy - side / 2, side, side);
  }

  /**
   * {@code tf.image.cropAndResize(image, [box], [0], [size, size])} (bilinear, extrapolation 0)
   * divided by 255; {@code image} holds 0..255 values. Follows tfjs-backend-cpu
   * {@code CropAndResize.ts}: source row {@code y1 * (H - 1) + r * (y2 - y1) * (H - 1) / (size - 1)}.
   */
  public static RgbImage faceTensor(RgbImage image, FaceBox box, int size) {
    int h = image.height();
    int w = image.width();
    // Human divides in doubles; the boxes tensor then rounds the normalised coordinates to float.
    double y1 = (float) ((double) box.y() / h);
    double x1 = (float) ((double) box.x() / w);
    double y2 = (float) (((double) box.y() + box.height()) / h);
    double x2 = (float) (((double) box.x() + box.width()) / w);
    double scaleY = (y2 - y1) * (h - 1) / (size - 1);
    double scaleX = (x2 - x1) * (w - 1) / (size - 1);
    float[] out = new float[size * size * 3];
    for (int r = 0; r < size; r++) {
      double yIn = y1 * (h - 1) + r * scaleY;
      if (yIn < 0 || yIn > h - 1) {
        continue; // extrapolation value 0
      }
      int top = (int) Math.floor(yIn);
      int bottom = (int) Math.ceil(yIn);
      double fy = yIn - top;
      for (int c = 0; c < size; c++) {
        double xIn = x1 * (w - 1) + c * scaleX;
        if (xIn < 0 || xIn > w - 1) {
          continue;
        }
        int left = (int) Math.floor(xIn);
        int right = (int) Math.ceil(xIn);
        double fx = xIn - left;
        for (int k = 0; k < 3; k++) {
          double tl = image.value(left, top, k);
          double tr = image.value(right, top, k);
          double bl = image.value(left, bottom, k);
          double br = image.value(right, bottom, k);
          double upper = tl + (tr - tl) * fx;
          double lower = bl + (br - bl) * fx;
          float value = (float) (upper + (lower - upper) * fy);
          out[(r * size + c) * 3 + k] = (float) (value / 255.0);
        }
      }
    }
    return new RgbImage(size, size, out);
  }

  /** The emotion net's input from a face tensor: {@code [64*64]} grey values, row-major. */
  public static float[] emotionInput(RgbImage face) {
    int size = HumanModels.EMOTION_SIZE;
    float[] rgb = face.resizeBilinear(size, size).data();
    float[] grey = new float[size * size];
    for (int i = 0; i < grey.length; i++) {
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        sum += (float) (rgb[i * 3 + k] * GREY[k]);
      }
      float g = (float) sum;
      grey[i] = (float) ((float) (g - 0.5f) * 2.0);
    }
    return grey;
  }

  /** The faceres net's input from a face tensor: 224x224 RGB, times 255, HWC interleaved. */
  public static float[] faceresInput(RgbImage face) {
    int size = HumanModels.FACERES_SIZE;
    float[] rgb = face.resizeBilinear(size, size).data();
    float[] out = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      out[i] = (float) (rgb[i] * 255.0);
    }
    return out;
  }
}
