package org.fer4j.data.transforms;

/**
 * Applies an EXIF orientation (1..8) so the image shows upright: 2 mirror, 3 rotate 180, 4 flip
 * vertically, 5 transpose, 6 rotate 90 degrees clockwise, 7 transverse, 8 rotate 90 degrees
 * counter-clockwise (CIPA DC-008, tag 0x0112). Planar images ({@link FloatImage}) and interleaved
 * pixels (the face pipeline's RGB) share one mapping, so every decoder turns a photo the same way.
 */
public final class Orientation {
  private Orientation() {}

  /** Whether the orientation swaps width and height (5..8: the photo was taken sideways). */
  public static boolean swapsAxes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  public static FloatImage apply(FloatImage src, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    int w = src.width();
    int h = src.height();
    int plane = w * h;
    float[] out = new float[src.data().length];
    for (int c = 0; c < src.channels(); c++) {
      remap(src.data(), c * plane, 1, out, c * plane, 1, w, h, orientation);
    }
    return swapsAxes(orientation)
        ? new FloatImage(src.channels(), w, h, out)
        : new FloatImage(src.channels(), h, w, out);
  }

  /**
   * Interleaved pixels ({@code height * width * channels} values, row-major) turned upright; the
   * result is {@code height x width} again, or {@code width x height} when {@link #swapsAxes}.
   */
  public static float[] applyInterleaved(float[] src, int width, int height, int channels, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    float[] out = new float[src.length];
    for (int c = 0; c < channels; c++) {
      remap(src, c, channels, out, c, channels, width, height, orientation);
    }
    return out;
  }

  /** {@link #applyInterleaved(float[], int, int, int, int)} for 8-bit pixels (a decoded photo). */
  public static byte[] applyInterleaved(byte[] src, int width, int height, int channels, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    byte[] out = new byte[src.length];
    int ow = swapsAxes(orientation) ? height : width;
    int oh = swapsAxes(orientation) ? width : height;
    for (int y = 0, o = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int s = sourcePixel(orientation, width, height, x, y) * channels;
        for (int c = 0; c < channels; c++) {
          out[o++] = src[s + c];
        }
      }
    }
    return out;
  }

  // Copies one channel: element k of a row-major w x h grid lives at offset + k * stride.
  private static void remap(float[] in, int inOff, int inStride, float[] out, int outOff, int outStride,
      int w, int h, int orientation) {
    boolean swap = swapsAxes(orientation);
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        out[outOff + (y * ow + x) * outStride] = in[inOff + sourcePixel(orientation, w, h, x, y) * inStride];
      }
    }
  }

  /** The pixel ({@code sy * w + sx}) of the stored {@code w x h} grid that upright pixel (x, y) shows. */
  private static int sourcePixel(int orientation, int w, int h, int x, int y) {
    return switch (orientation) {
      case 2 -> y * w + (w - 1 - x);
      case 3 -> (h - 1 - y) * w + (w - 1 - x);
      case 4 -> (h - 1 - y) * w + x;
      case 5 -> x * w + y;
      case 6 -> (h - 1 - x) * w + y;
      case 7 -> (h - 1 - x) * w + (w - 1 - y);
      default -> x * w + (w - 1 - y);
    };
  }
}
