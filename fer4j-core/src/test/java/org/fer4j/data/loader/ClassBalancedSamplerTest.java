package org.fer4j.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.fer4j.data.transforms.Pipeline;
import org.junit.jupiter.api.Test;

class ClassBalancedSamplerTest {
  /** 80 samples of class 0, 15 of class 2, 5 of class 4 (classes 1 and 3 absent). */
  private static List<Sample> imbalanced() {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int label = i < 80 ? 0 : i < 95 ? 2 : 4;
      out.add(Sample.image("s" + i, new ImageRef.File(Path.of("s" + i + ".png")), label, "train"));
    }
    return out;
  }

  @Test
  void presentClassesAreDrawnEquallyOften() {
    List<Sample> samples = imbalanced();
    int[] order = new ClassBalancedSampler(samples).order(7, 0, 30_000);
    int[] perClass = new int[5];
    int[] perSample = new int[100];
    for (int i : order) {
      perClass[samples.get(i).label()]++;
      perSample[i]++;
    }
    // Expected 10,000 per present class; the binomial sd is ~82, so 3% is over 3.5 sd.
    assertThat(perClass[0] / 30_000.0).isCloseTo(1 / 3.0, within(0.01));
    assertThat(perClass[2] / 30_000.0).isCloseTo(1 / 3.0, within(0.01));
    assertThat(perClass[4] / 30_000.0).isCloseTo(1 / 3.0, within(0.01));
    assertThat(perClass[1] + perClass[3]).isZero();
    // Within class 4 each of the 5 samples gets ~2,000 draws; within class 0 each ~125.
    assertThat(perSample[97]).isBetween(1700, 2300);
    assertThat(perSample[10]).isBetween(70, 190);
  }

  @Test
  void drawsDependOnlyOnSeedAndEpoch() {
    ClassBalancedSampler s = new ClassBalancedSampler(imbalanced());
    assertThat(s.order(3, 5, 100)).isEqualTo(new ClassBalancedSampler(imbalanced()).order(3, 5, 100));
    assertThat(s.order(3, 5, 100)).isNotEqualTo(s.order(3, 6, 100));
    assertThat(s.order(3, 5, 100)).isNotEqualTo(s.order(4, 5, 100));
  }

  @Test
  void loaderUsesBalancedDrawsOnlyWhenAsked() {
    List<Sample> samples = imbalanced();
    BatchLoader.Builder b = BatchLoader.builder().setSamples(samples)
        .setPipeline(Pipeline.of()).setSize(8, 8).optSeed(11).optWorkers(1);
    try (BatchLoader balanced = b.optClassBalanced(true).build()) {
      int[] order = balanced.order(2);
      assertThat(order).hasSize(100).isEqualTo(new ClassBalancedSampler(samples).order(11, 2, 100));
      long rare = java.util.Arrays.stream(order).filter(i -> samples.get(i).label() == 4).count();
      assertThat(rare).isBetween(15L, 55L); // ~33 expected; a plain shuffle has exactly 5
    }
    try (BatchLoader plain = b.optClassBalanced(false).build()) {
      assertThat(java.util.Arrays.stream(plain.order(2)).sorted().toArray()).hasSize(100).startsWith(0, 1, 2);
    }
  }

  @Test
  void samplesWithoutHardLabelsAreRejected() {
    List<Sample> soft = List.of(Sample.image("x", new ImageRef.File(Path.of("x.png")), -1, "train"));
    assertThatThrownBy(() -> new ClassBalancedSampler(soft))
        .isInstanceOf(FerException.class).hasMessageContaining("sample x has label -1");
  }
}
