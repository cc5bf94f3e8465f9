package org.fer4j.data.transforms;

/**
 * Applies an EXIF orientation (1..8) so the image shows upright: 2 mirror, 3 rotate 180, 4 flip
 * vertically, 5 transpose, 6 rotate 90 degrees clockwise, 7 transverse, 8 rotate 90 degrees
 * counter-clockwise (CIPA DC-008, tag 0x0112).
 */
public final class Orientation {
  private Orientation() {}

  public static FloatImage apply(FloatImage src, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    int w = src.width();
    int h = src.height();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    float[] out = new float[src.data().length];
    float[] in = src.data();
    for (int c = 0; c < src.channels(); c++) {
      int inOff = c * w * h;
      int outOff = c * ow * oh;
      for (int y = 0; y < oh; y++) {
        for (int x = 0; x < ow; x++) {
          int sx;
          int sy;
          switch (orientation) {
            case 2 -> { sx = w - 1 - x; sy = y; }
            case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
            case 4 -> { sx = x; sy = h - 1 - y; }
            case 5 -> { sx = y; sy = x; }
            case 6 -> { sx = y; sy = h - 1 - x; }
            case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
            default -> { sx = w - 1 - y; sy = x; }
          }
          out[outOff + y * ow + x] = in[inOff + sy * w + sx];
        }
      }
    }
    return new FloatImage(src.channels(), oh, ow, out);
  }
}
