package org.fer4j.data.transforms;

import java.util.Random;

/**
 * Crops a random window with an area share in {@code scale} and an aspect ratio (log-uniform) in
 * {@code ratio}, then resizes it; torchvision's {@code RandomResizedCrop} algorithm (ten tries,
 * then a centre crop clamped to the ratio range). The window is drawn in relative coordinates so
 * that every frame of a clip gets the same crop even if frame sizes differ slightly.
 */
public final class RandomResizedCrop implements ImageTransform<RandomResizedCrop.Window> {
  /** A crop window as fractions of the image width and height. */
  public record Window(float x, float y, float w, float h) {}

  private final int height;
  private final int width;
  private final float minScale;
  private final float maxScale;
  private final float minRatio;
  private final float maxRatio;

  /** torchvision's defaults: scale (0.08, 1), ratio (3/4, 4/3). */
  public RandomResizedCrop(int height, int width) {
    this(height, width, 0.08f, 1f, 3f / 4, 4f / 3);
  }

  public RandomResizedCrop(int height, int width, float minScale, float maxScale, float minRatio, float maxRatio) {
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

  /** Aspect ratio (width / height) range {min, max} of the window. */
  public float[] ratio() {
    return new float[] {minRatio, maxRatio};
  }

  /** Output size {height, width}. */
  public int[] size() {
    return new int[] {height, width};
  }

  @Override
  public Window draw(Random random, int h, int w) {
    double area = (double) h * w;
    for (int attempt = 0; attempt < 10; attempt++) {
      double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
      double logRatio = Math.log(minRatio) + (Math.log(maxRatio) - Math.log(minRatio)) * random.nextDouble();
      double ratio = Math.exp(logRatio);
      int cw = (int) Math.round(Math.sqrt(target * ratio));
      int ch = (int) Math.round(Math.sqrt(target / ratio));
      if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
        int top = random.nextInt(h - ch + 1);
        int left = random.nextInt(w - cw + 1);
        return new Window((float) left / w, (float) top / h, (float) cw / w, (float) ch / h);
      }
    }
    double inRatio = (double) w / h;
    int cw = w;
    int ch = h;
    if (inRatio < minRatio) {
      ch = Math.round(w / minRatio);
    } else if (inRatio > maxRatio) {
      cw = Math.round(h * maxRatio);
    }
    return new Window((float) (w - cw) / 2 / w, (float) (h - ch) / 2 / h, (float) cw / w, (float) ch / h);
  }

  @Override
  public FloatImage apply(FloatImage image, Window win) {
    float w = image.width();
    float h = image.height();
    return Resampler.resize(image, win.x() * w, win.y() * h, win.w() * w, win.h() * h, height, width);
  }
}
