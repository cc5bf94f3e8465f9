package org.fer4j.data.transforms;

import java.util.Random;

/**
 * What {@link RandomResizedCrop} and {@link RandomSizedCrop} share: the scale and ratio ranges, the
 * output size, and resizing a window kept in relative coordinates (so every frame of a clip gets
 * the same crop). Subclasses differ only in how {@link #draw} picks the window.
 */
abstract class RandomWindowCrop implements ImageTransform<RandomResizedCrop.Window> {
  /** torchvision's number of tries before the fallback window. */
  static final int TRIES = 10;

  final int height;
  final int width;
  final float minScale;
  final float maxScale;
  final float minRatio;
  final float maxRatio;

  RandomWindowCrop(int height, int width, float minScale, float maxScale, float minRatio, float maxRatio) {
    if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1 && minRatio > 0 && minRatio <= maxRatio)) {
      throw new IllegalArgumentException("need 0 < minScale <= maxScale <= 1 and 0 < minRatio <= maxRatio");
    }
    this.height = height;
    this.width = width;
    this.minScale = minScale;
    this.maxScale = maxScale;
    this.minRatio = minRatio;
    this.maxRatio = maxRatio;
  }

  /** Area share range {min, max} of the window. */
  public float[] scale() {
    return new float[] {minScale, maxScale};
  }

  /** Aspect ratio (width / height) range {min, max} the window is drawn from. */
  public float[] ratio() {
    return new float[] {minRatio, maxRatio};
  }

  /** Output size {height, width}. */
  public int[] size() {
    return new int[] {height, width};
  }

  /** A target area for one try: a uniform share in the scale range of {@code area}. */
  final double drawArea(Random random, double area) {
    return area * (minScale + (maxScale - minScale) * random.nextDouble());
  }

  /** The window of pixel size {@code cw x ch} at {@code (left, top)} in a {@code w x h} image. */
  static RandomResizedCrop.Window window(float left, float top, int cw, int ch, int w, int h) {
    return new RandomResizedCrop.Window(left / w, top / h, (float) cw / w, (float) ch / h);
  }

  @Override
  public FloatImage apply(FloatImage image, RandomResizedCrop.Window win) {
    float w = image.width();
    float h = image.height();
    return Resampler.resize(image, win.x() * w, win.y() * h, win.w() * w, win.h() * h, height, width);
  }
}
