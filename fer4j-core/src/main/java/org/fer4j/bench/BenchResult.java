package org.fer4j.bench;

import java.util.Locale;

/**
 * What one benchmark run measured.
 *
 * @param config what was run
 * @param threads PyTorch intra-op threads
 * @param medianStepSeconds median wall time of one timed iteration
 * @param imagesPerSecond batch / median step time
 * @param peakRssBytes the process's peak resident set size (VmHWM), -1 if unknown
 * @param macsPerImage multiply-accumulates of one forward pass of one image, -1 if unknown
 */
public record BenchResult(
    BenchConfig config,
    int threads,
    double medianStepSeconds,
    double imagesPerSecond,
    long peakRssBytes,
    long macsPerImage) {

  /**
   * Floating-point operations per second achieved: 2 FLOPs per MAC; a training step costs about
   * three forward passes (forward, gradient w.r.t. activations, gradient w.r.t. weights).
   */
  public double achievedGflops() {
    if (macsPerImage < 0) {
      return Double.NaN;
    }
    double passes = config.mode() == BenchConfig.Mode.TRAIN ? 3.0 : 1.0;
    return 2.0 * macsPerImage * passes * imagesPerSecond / 1e9;
  }

  /** One human-readable line. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s %s batch=%d size=%dx%d threads=%d: %.1f images/s (median step %.1f ms), %.1f GFLOPS,"
            + " peak RSS %.0f MiB",
        config.model(), config.mode().name().toLowerCase(Locale.ROOT), config.batch(),
        config.height(), config.width(), threads, imagesPerSecond, medianStepSeconds * 1e3,
        achievedGflops(), peakRssBytes / 1048576.0);
  }

  /** One JSON object on one line, for scripts (bench/compare.sh reads it). */
  public String json() {
    return String.format(
        Locale.ROOT,
        "{\"impl\":\"fer4j\",\"model\":\"%s\",\"mode\":\"%s\",\"batch\":%d,\"height\":%d,"
            + "\"width\":%d,\"threads\":%d,\"images_per_s\":%.3f,\"median_step_s\":%.5f,"
            + "\"peak_rss_mb\":%.1f,\"gflops\":%.2f}",
        config.model(), config.mode().name().toLowerCase(Locale.ROOT), config.batch(),
        config.height(), config.width(), threads, imagesPerSecond, medianStepSeconds,
        peakRssBytes / 1048576.0, achievedGflops());
  }
}
