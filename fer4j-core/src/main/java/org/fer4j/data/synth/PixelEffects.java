package org.fer4j.data.synth;

import java.util.SplittableRandom;

/**
 * The photometric nuisances, applied to the packed RGB pixels of a finished render in three
 * passes over an {@code int[]}: lighting gradient and colour cast, box blur, sensor noise. Working
 * on the raster directly keeps this a few hundred microseconds per 112x112 image.
 */
final class PixelEffects {
  /** Standard deviation of the sum of two uniform bytes, in byte units (triangular noise). */
  private static final float TRIANGULAR_STD = 255f / (float) Math.sqrt(6);

  private PixelEffects() {}

  static void apply(int[] px, int size, Nuisance n) {
    if (n.lightStrength() != 0 || !isUnit(n.castRgb())) {
      lightAndCast(px, size, n);
    }
    if (n.blurRadius() > 0) {
      int[] tmp = new int[px.length];
      boxBlur(px, tmp, size, n.blurRadius(), true);
      boxBlur(tmp, px, size, n.blurRadius(), false);
    }
    if (n.noiseSigma() > 0) {
      noise(px, n.noiseSigma(), new SplittableRandom(n.textureSeed() ^ 0x5DEECE66DL));
    }
  }

  private static boolean isUnit(float[] cast) {
    return cast[0] == 1 && cast[1] == 1 && cast[2] == 1;
  }

  private static void lightAndCast(int[] px, int size, Nuisance n) {
    float[] cast = n.castRgb();
    float cos = (float) Math.cos(n.lightAngle());
    float sin = (float) Math.sin(n.lightAngle());
    float half = size / 2f;
    float norm = n.lightStrength() / (half * 1.4142f);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float gain = 1 + ((x - half) * cos + (y - half) * sin) * norm;
        int i = y * size + x;
        int p = px[i];
        int red = clamp(((p >> 16) & 255) * gain * cast[0]);
        int green = clamp(((p >> 8) & 255) * gain * cast[1]);
        int blue = clamp((p & 255) * gain * cast[2]);
        px[i] = (red << 16) | (green << 8) | blue;
      }
    }
  }

  /** One direction of a separable box blur with clamped edges, as a running sum per line. */
  private static void boxBlur(int[] src, int[] dst, int size, int radius, boolean horizontal) {
    int window = 2 * radius + 1;
    int step = horizontal ? 1 : size;
    for (int line = 0; line < size; line++) {
      int base = horizontal ? line * size : line;
      int sr = 0;
      int sg = 0;
      int sb = 0;
      for (int d = -radius; d <= radius; d++) {
        int p = src[base + Math.max(0, Math.min(size - 1, d)) * step];
        sr += (p >> 16) & 255;
        sg += (p >> 8) & 255;
        sb += p & 255;
      }
      for (int k = 0; k < size; k++) {
        dst[base + k * step] = ((sr / window) << 16) | ((sg / window) << 8) | (sb / window);
        int out = src[base + Math.max(0, k - radius) * step];
        int in = src[base + Math.min(size - 1, k + radius + 1) * step];
        sr += ((in >> 16) & 255) - ((out >> 16) & 255);
        sg += ((in >> 8) & 255) - ((out >> 8) & 255);
        sb += (in & 255) - (out & 255);
      }
    }
  }

  /**
   * Adds triangular noise of standard deviation {@code sigma} levels. The noise values come from a
   * fixed table read at a random offset and odd stride per image: as random to the eye as fresh
   * draws, at a fraction of the cost of three random numbers per pixel.
   */
  private static void noise(int[] px, float sigma, SplittableRandom r) {
    float scale = sigma / TRIANGULAR_STD;
    int pos = r.nextInt(NOISE.length);
    int stride = 2 * r.nextInt(1, 64) + 1;
    int mask = NOISE.length - 1;
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      int red = clamp(((p >> 16) & 255) + NOISE[pos] * scale);
      int green = clamp(((p >> 8) & 255) + NOISE[(pos + 1) & mask] * scale);
      int blue = clamp((p & 255) + NOISE[(pos + 2) & mask] * scale);
      px[i] = (red << 16) | (green << 8) | blue;
      pos = (pos + stride) & mask;
    }
  }

  /** 64 Ki triangular noise values in [-255, 255], the same on every run. */
  private static final short[] NOISE = new short[1 << 16];

  static {
    SplittableRandom r = new SplittableRandom(0x5EED);
    for (int i = 0; i < NOISE.length; i++) {
      NOISE[i] = (short) (r.nextInt(256) + r.nextInt(256) - 255);
    }
  }

  private static int clamp(float v) {
    return v <= 0 ? 0 : (v >= 255 ? 255 : (int) (v + 0.5f));
  }
}
