package org.fer4j.data.transforms;

/**
 * An image as planar floats, channel-major (C, H, W), the layout PyTorch models take. Pixel
 * values are in [0,1] until normalisation. The array is owned by the image; transforms return
 * new images and never change their input.
 *
 * @param channels number of channels (3 for RGB, 1 for gray)
 * @param height rows
 * @param width columns
 * @param data {@code channels * height * width} values, channel-major
 */
public record FloatImage(int channels, int height, int width, float[] data) {

  public FloatImage {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("image needs a positive size: " + channels + "x" + height + "x" + width);
    }
    if (data.length != channels * height * width) {
      throw new IllegalArgumentException(
          "expected " + channels * height * width + " values for " + channels + "x" + height + "x" + width
              + ", got " + data.length);
    }
  }

  /** A black image. */
  public static FloatImage zeros(int channels, int height, int width) {
    return new FloatImage(channels, height, width, new float[channels * height * width]);
  }

  /** Values per channel plane. */
  public int plane() {
    return height * width;
  }

  /** The value at channel c, row y, column x. */
  public float get(int c, int y, int x) {
    return data[(c * height + y) * width + x];
  }
}
