package org.fer4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;

class ModelBenchmarkTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(ModelBenchmark.median(new double[] {5, 1, 3})).isEqualTo(3.0);
    assertThat(ModelBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void clipModelsGetAFrameAxis() {
    BenchConfig image = new BenchConfig("m", BenchConfig.Mode.INFER, 4, 112, 96, 1, 7, 0, 1);
    BenchConfig clip = new BenchConfig("m", BenchConfig.Mode.TRAIN, 2, 112, 112, 16, 7, 0, 1);
    assertThat(ModelBenchmark.inputShape(image)).isEqualTo(new Shape(4, 3, 112, 96));
    assertThat(ModelBenchmark.inputShape(clip)).isEqualTo(new Shape(2, 3, 16, 112, 112));
  }

  @Test
  void gflopsCountsThreePassesForTraining() {
    BenchConfig train = new BenchConfig("m", BenchConfig.Mode.TRAIN, 8, 112, 112, 1, 7, 0, 1);
    BenchConfig infer = new BenchConfig("m", BenchConfig.Mode.INFER, 8, 112, 112, 1, 7, 0, 1);
    // 1e9 MACs per image at 10 images/s: 20 GFLOPS forward, 60 for a training step.
    assertThat(new BenchResult(infer, 2, 0.8, 10, 1, 1_000_000_000L).achievedGflops()).isEqualTo(20.0);
    assertThat(new BenchResult(train, 2, 0.8, 10, 1, 1_000_000_000L).achievedGflops()).isEqualTo(60.0);
    assertThat(new BenchResult(train, 2, 0.8, 10, 1, -1).achievedGflops()).isNaN();
  }

  @Test
  void rejectsNonsenseConfigs() {
    assertThatThrownBy(() -> new BenchConfig("m", BenchConfig.Mode.TRAIN, 0, 112, 112, 1, 7, 0, 1))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("batch=0");
    assertThatThrownBy(() -> new BenchConfig("m", BenchConfig.Mode.TRAIN, 1, 112, 112, 1, 7, 0, 0))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("iterations");
  }

  @Test
  void peakRssIsReadFromProc() {
    assertThat(ProcessMemory.peakRssBytes()).isGreaterThan(ProcessMemory.currentRssBytes() / 2).isPositive();
  }
}
