package org.fer4j.data.transforms;

import java.util.Random;

/**
 * Crops a random window with an area share in {@code scale} and an aspect ratio (log-uniform) in
 * {@code ratio}, then resizes it; torchvision's {@code RandomResizedCrop} algorithm (ten tries,
 * then a centre crop clamped to the ratio range). The window is drawn in relative coordinates so
 * that every frame of a clip gets the same crop even if frame sizes differ slightly.
 */
public final class RandomResizedCrop extends RandomWindowCrop {
  /** A crop window as fractions of the image width and height. */
  public record Window(float x, float y, float w, float h) {}

  /** torchvision's defaults: scale (0.08, 1), ratio (3/4, 4/3). */
  public RandomResizedCrop(int height, int width) {
    this(height, width, 0.08f, 1f, 3f / 4, 4f / 3);
  }

  public RandomResizedCrop(int height, int width, float minScale, float maxScale, float minRatio, float maxRatio) {
    super(height, width, minScale, maxScale, minRatio, maxRatio);
  }

  @Override
  public Window draw(Random random, int h, int w) {
    double area = (double) h * w;
    for (int attempt = 0; attempt < TRIES; attempt++) {
      double target = drawArea(random, area);
      double logRatio = Math.log(minRatio) + (Math.log(maxRatio) - Math.log(minRatio)) * random.nextDouble();
      double ratio = Math.exp(logRatio);
      int cw = (int) Math.round(Math.sqrt(target * ratio));
      int ch = (int) Math.round(Math.sqrt(target / ratio));
      if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
        int top = random.nextInt(h - ch + 1);
        int left = random.nextInt(w - cw + 1);
        return window(left, top, cw, ch, w, h);
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
    return window((w - cw) / 2f, (h - ch) / 2f, cw, ch, w, h);
  }
}
