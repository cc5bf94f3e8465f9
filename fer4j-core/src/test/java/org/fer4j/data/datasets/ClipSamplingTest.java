package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClipSamplingTest {

  @Test
  void testSamplingTakesSegmentCentres() {
    // n=66: tick = 4.125, index i = int(2.0625 + 4.125 i), worked out by hand.
    assertThat(ClipSampling.testIndices(66, 16)).containsExactly(
        2, 6, 10, 14, 18, 22, 26, 30, 35, 39, 43, 47, 51, 55, 59, 63);
    // n=16: tick 1, int(0.5 + i) = i.
    assertThat(ClipSampling.testIndices(16, 16)).containsExactly(
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    // n=8 (shorter than 16): tick 0.5, int(0.25 + 0.5 i) repeats frames.
    assertThat(ClipSampling.testIndices(8, 16)).containsExactly(
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
  }

  @Test
  void trainSamplingPicksOneOffsetPerSegment() {
    // n=40: avg = 2; with offsets fixed at the largest value (bound-1 = 1): 2i + 1.
    assertThat(ClipSampling.trainIndices(40, 16, bound -> bound - 1)).containsExactly(
        1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    // n=50: avg = 3, offset 0 gives 3i; the last two frames are never used.
    assertThat(ClipSampling.trainIndices(50, 16, bound -> 0)).containsExactly(
        0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45);
    // n=10 < 16: every index 0, as in the reference code.
    assertThat(ClipSampling.trainIndices(10, 16, bound -> 0)).containsOnly(0).hasSize(16);
  }

  @Test
  void seededTrainSamplingIsRepeatableAndStaysInsideSegments() {
    int[] a = ClipSampling.trainIndices(100, 16, 7L);
    int[] b = ClipSampling.trainIndices(100, 16, 7L);
    assertThat(a).isEqualTo(b);
    for (int i = 0; i < 16; i++) {
      assertThat(a[i]).isBetween(i * 6, i * 6 + 5); // avg = 100/16 = 6
    }
  }
}
