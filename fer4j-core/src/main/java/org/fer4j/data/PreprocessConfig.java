package org.fer4j.data;

import java.util.Arrays;

/**
 * How an image (or clip) must be prepared for a model: size, channels, normalisation, frames.
 *
 * @param height input height in pixels
 * @param width input width in pixels
 * @param channels 3 (RGB) or 1 (grayscale)
 * @param mean per-channel mean subtracted after scaling pixels to [0,1]
 * @param std per-channel standard deviation divided by after subtracting the mean
 * @param frames 1 for image models, the clip length (e.g. 16) for video models
 */
public record PreprocessConfig(
    int height, int width, int channels, float[] mean, float[] std, int frames) {

  /** ImageNet statistics, as torchvision's and timm's pretrained weights expect. */
  public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};

  public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

  public PreprocessConfig {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("input size must be positive: " + height + "x" + width);
    }
    if (mean.length != channels || std.length != channels) {
      throw new IllegalArgumentException("mean/std need one value per channel (" + channels + ")");
    }
    if (frames < 1) {
      throw new IllegalArgumentException("frames must be >= 1, was " + frames);
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** RGB images of the given size with ImageNet normalisation. */
  public static PreprocessConfig imagenet(int size) {
    return new PreprocessConfig(size, size, 3, IMAGENET_MEAN, IMAGENET_STD, 1);
  }

  /** RGB scaled to [0,1] with no normalisation (GCA+IAL and MA-Net do this). */
  public static PreprocessConfig unitRange(int size, int frames) {
    return new PreprocessConfig(
        size, size, 3, new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f}, frames);
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreprocessConfig p
        && p.height == height
        && p.width == width
        && p.channels == channels
        && p.frames == frames
        && Arrays.equals(p.mean, mean)
        && Arrays.equals(p.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * height + width) + channels) + frames + Arrays.hashCode(mean);
  }

  @Override
  public String toString() {
    return String.format(
        "%s%dx%dx%d mean=%s std=%s",
        frames > 1 ? frames + "x" : "", channels, height, width, Arrays.toString(mean),
        Arrays.toString(std));
  }
}
