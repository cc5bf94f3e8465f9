package org.fer4j.bench;

import org.fer4j.FerException;

/**
 * One benchmark run: which model, training or inference, what input.
 *
 * @param model registered model name
 * @param mode training steps or inference forward passes
 * @param batch images per step
 * @param height input height
 * @param width input width
 * @param frames frames per sample (1 for image models, e.g. 16 for clip models)
 * @param numClasses classes of the head (1000 matches torchvision's default for the peer)
 * @param warmup untimed iterations first
 * @param iterations timed iterations; the median is reported
 */
public record BenchConfig(
    String model,
    Mode mode,
    int batch,
    int height,
    int width,
    int frames,
    int numClasses,
    int warmup,
    int iterations) {

  /** What is timed. */
  public enum Mode {
    /** Forward, loss, backward and an SGD step. */
    TRAIN,
    /** Forward pass only, in inference mode. */
    INFER
  }

  public BenchConfig {
    if (batch < 1 || height < 1 || width < 1 || frames < 1 || numClasses < 1) {
      throw FerException.badInput(
          "batch, size, frames and classes must be positive: batch=" + batch + " size=" + height
              + "x" + width + " frames=" + frames + " classes=" + numClasses);
    }
    if (warmup < 0 || iterations < 1) {
      throw FerException.badInput(
          "warmup must be >= 0 and iterations >= 1, was " + warmup + " and " + iterations);
    }
  }
}
