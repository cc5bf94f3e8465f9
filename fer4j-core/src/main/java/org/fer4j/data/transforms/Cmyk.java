package org.fer4j.data.transforms;

import java.awt.image.Raster;

/**
 * CMYK and YCCK JPEG rasters to RGB. Adobe applications write CMYK JPEGs with inverted samples
 * (an APP14 segment tells, Adobe Technical Note 5116), so with an Adobe segment a stored 255 means
 * no ink; transform 2 stores YCCK, whose first three channels are YCbCr-coded inverted CMY. This is
 * the naive (no ICC profile) conversion: R = (1 - C)(1 - K) and likewise for G and B.
 */
final class Cmyk {
  private Cmyk() {}

  static FloatImage toRgb(Raster raster, int adobeTransform) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int plane = w * h;
    int[] px = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
    float[] out = new float[3 * plane];
    boolean inverted = adobeTransform >= 0;
    for (int i = 0; i < plane; i++) {
      float s0 = px[4 * i];
      float s1 = px[4 * i + 1];
      float s2 = px[4 * i + 2];
      float s3 = px[4 * i + 3];
      if (adobeTransform == 2) {
        // JFIF YCbCr -> RGB gives the stored (inverted) C, M, Y samples.
        float y = s0;
        float cb = s1 - 128;
        float cr = s2 - 128;
        s0 = y + 1.402f * cr;
        s1 = y - 0.344136f * cb - 0.714136f * cr;
        s2 = y + 1.772f * cb;
      }
      float k = ink(s3, inverted);
      out[i] = clamp((1 - ink(s0, inverted)) * (1 - k));
      out[plane + i] = clamp((1 - ink(s1, inverted)) * (1 - k));
      out[2 * plane + i] = clamp((1 - ink(s2, inverted)) * (1 - k));
    }
    return new FloatImage(3, h, w, out);
  }

  /** Ink amount in [0,1] from a stored sample. */
  private static float ink(float sample, boolean inverted) {
    float v = Math.max(0, Math.min(255, sample)) / 255f;
    return inverted ? 1 - v : v;
  }

  private static float clamp(float v) {
    return v < 0 ? 0 : Math.min(1, v);
  }
}
