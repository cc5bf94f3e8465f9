package org.fer4j.data.transforms;

/**
 * Separable bilinear (triangle filter) resampling of a rectangular window of an image to a new
 * size, with the filter widened when shrinking so it anti-aliases like PIL's and torchvision's
 * {@code antialias=True} bilinear resize. Weights are computed once per axis and call.
 */
final class Resampler {
  private Resampler() {}

  /** Per-output-pixel taps along one axis. */
  private record Taps(int[] start, int[] count, float[] weights, int maxTaps) {}

  /**
   * Resizes the window (x0, y0, cw, ch) in source pixels (fractional allowed) to outH x outW.
   */
  static FloatImage resize(FloatImage src, float x0, float y0, float cw, float ch, int outH, int outW) {
    Taps tx = taps(src.width(), x0, cw, outW);
    Taps ty = taps(src.height(), y0, ch, outH);
    int c = src.channels();
    int rowLo = ty.start[0];
    int rowHi = ty.start[outH - 1] + ty.count[outH - 1];
    int rows = rowHi - rowLo;
    float[] tmp = new float[rows * outW];
    float[] out = new float[c * outH * outW];
    float[] in = src.data();
    for (int ch0 = 0; ch0 < c; ch0++) {
      int inOff = ch0 * src.plane();
      for (int r = 0; r < rows; r++) {
        int rowOff = inOff + (rowLo + r) * src.width();
        for (int x = 0; x < outW; x++) {
          float sum = 0;
          int s = tx.start[x];
          int wOff = x * tx.maxTaps;
          for (int k = 0; k < tx.count[x]; k++) {
            sum += in[rowOff + s + k] * tx.weights[wOff + k];
          }
          tmp[r * outW + x] = sum;
        }
      }
      int outOff = ch0 * outH * outW;
      for (int y = 0; y < outH; y++) {
        int s = ty.start[y] - rowLo;
        int wOff = y * ty.maxTaps;
        for (int x = 0; x < outW; x++) {
          float sum = 0;
          for (int k = 0; k < ty.count[y]; k++) {
            sum += tmp[(s + k) * outW + x] * ty.weights[wOff + k];
          }
          out[outOff + y * outW + x] = sum;
        }
      }
    }
    return new FloatImage(c, outH, outW, out);
  }

  private static Taps taps(int inSize, float start, float length, int outSize) {
    float scale = length / outSize;
    float filterScale = Math.max(1f, scale);
    float support = filterScale;
    int maxTaps = (int) Math.ceil(2 * support) + 2;
    int[] first = new int[outSize];
    int[] count = new int[outSize];
    float[] weights = new float[outSize * maxTaps];
    for (int i = 0; i < outSize; i++) {
      float centre = start + (i + 0.5f) * scale;
      int lo = Math.max(0, (int) Math.floor(centre - support));
      int hi = Math.min(inSize, (int) Math.ceil(centre + support));
      if (hi <= lo) {
        lo = Math.max(0, Math.min(inSize - 1, (int) Math.floor(centre)));
        hi = lo + 1;
      }
      float total = 0;
      int n = Math.min(hi - lo, maxTaps);
      for (int k = 0; k < n; k++) {
        float d = Math.abs((lo + k + 0.5f - centre) / filterScale);
        float w = Math.max(0f, 1f - d);
        weights[i * maxTaps + k] = w;
        total += w;
      }
      if (total <= 0) {
        // The window centre sits outside the image: take the nearest pixel.
        weights[i * maxTaps] = 1;
        n = 1;
        total = 1;
      }
      for (int k = 0; k < n; k++) {
        weights[i * maxTaps + k] /= total;
      }
      first[i] = lo;
      count[i] = n;
    }
    return new Taps(first, count, weights, maxTaps);
  }
}
