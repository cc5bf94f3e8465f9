package org.fer4j.data.transforms;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.fer4j.data.PreprocessConfig;

/**
 * The one way fer4j turns a decoded image into a model's input for a {@link PreprocessConfig}:
 * the anti-aliased resize to the input size ({@link Resize}), then per-channel normalisation
 * ({@link Normalize}, with BT.601 luma for one-channel models). Evaluation ({@link
 * Pipeline#eval}), prediction, video, explanation and benchmarks all go through it, so a face is
 * given to a model exactly as the model saw faces in training with augmentation off.
 *
 * <p>Images come in as RGB {@link FloatImage}s with values in [0,1] of any size; the batch
 * layouts are (N, C, H, W) for images and PyTorch's (N, C, T, H, W) for clips.
 */
public final class ModelInput {
  private final PreprocessConfig config;
  private final Resize resize;
  private final Normalize normalize;

  private ModelInput(PreprocessConfig config) {
    this.config = config;
    this.resize = new Resize(config.height(), config.width());
    this.normalize = new Normalize(config);
  }

  public static ModelInput of(PreprocessConfig config) {
    return new ModelInput(config);
  }

  public PreprocessConfig config() {
    return config;
  }

  /** The batch-1 input shape of a config: (1, C, H, W) for images, (1, C, T, H, W) for clips. */
  public static Shape shape(PreprocessConfig config) {
    return shape(1, config.channels(), config.frames(), config.height(), config.width());
  }

  /**
   * The input shape of a batch: (N, C, H, W) when {@code frames} is 1, else PyTorch's video
   * layout (N, C, T, H, W).
   */
  public static Shape shape(int batch, int channels, int frames, int height, int width) {
    return frames > 1
        ? new Shape(batch, channels, frames, height, width)
        : new Shape(batch, channels, height, width);
  }

  /** The input shape of {@code batch} images (or clips) of this config. */
  public Shape shape(int batch) {
    return shape(batch, config.channels(), config.frames(), config.height(), config.width());
  }

  /** Values of one batch item: C * T * H * W. */
  public int itemLength() {
    return config.channels() * config.frames() * config.height() * config.width();
  }

  /** The deterministic steps, in order, for {@link Pipeline}s: resize, then normalise. */
  public List<ImageTransform<?>> steps() {
    return List.of(resize, normalize);
  }

  /** The image resized to the input size, values still in [0,1] (what the model is shown). */
  public FloatImage resized(FloatImage rgb) {
    return resize.apply(rgb, null);
  }

  /** An image already at the input size, normalised: C * H * W values, channel-major. */
  public FloatImage normalised(FloatImage atInputSize) {
    return normalize.apply(atInputSize, null);
  }

  /** Resize and normalisation of one decoded RGB image in [0,1]. */
  public FloatImage prepare(FloatImage rgb) {
    return normalised(resized(rgb));
  }

  /** Prepares one image into {@code dst} at {@code offset}: one (C, H, W) batch item. */
  public void writeImage(FloatImage rgb, float[] dst, int offset) {
    float[] values = prepare(rgb).data();
    System.arraycopy(values, 0, dst, offset, values.length);
  }

  /**
   * Prepares the frames of one clip into {@code dst} at {@code offset} as one (C, T, H, W) batch
   * item, the layout clip models take.
   *
   * @throws IllegalArgumentException when the clip does not have the config's frame count
   */
  public void writeClip(List<FloatImage> frames, float[] dst, int offset) {
    int t = config.frames();
    if (frames.size() != t) {
      throw new IllegalArgumentException("a clip has " + frames.size() + " frames, the model takes " + t);
    }
    for (int f = 0; f < t; f++) {
      placeFrame(prepare(frames.get(f)).data(), config.channels(), t, f, dst, offset);
    }
  }

  /**
   * Copies one prepared frame, {@code channels} planes (C, H, W), into the clip item at {@code
   * offset} of {@code frames} frames laid out (C, T, H, W): channel-major, then frame.
   */
  public static void placeFrame(float[] chw, int channels, int frames, int frame, float[] dst, int offset) {
    int plane = chw.length / channels;
    for (int c = 0; c < channels; c++) {
      System.arraycopy(chw, c * plane, dst, offset + (c * frames + frame) * plane, plane);
    }
  }
}
