package org.fer4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;

/** The still-image intensity range is configurable (the demo draws from an easier range). */
class SynthIntensityTest {
  private static java.util.List<Double> intensities(SynthConfig c) {
    SynthFer f = new SynthFer(c);
    return IntStream.range(0, 400).mapToObj(f::image).filter(s -> s.label() != SynthFer.NEUTRAL)
        .map(s -> (double) s.intensity()).toList();
  }

  @Test
  void minIntensityBoundsNonNeutralImagesAndLeavesTheDefaultRange() {
    java.util.List<Double> easy = intensities(SynthConfig.builder().optImages(400).optMinIntensity(0.6).build());
    java.util.List<Double> standard = intensities(SynthConfig.builder().optImages(400).build());
    assertThat(easy).hasSameSizeAs(standard).hasSizeGreaterThan(300); // same classes, same draws
    assertThat(easy).allMatch(v -> v >= 0.6 && v <= 1.0);
    assertThat(standard).allMatch(v -> v >= 0.2 && v <= 1.0).anyMatch(v -> v < 0.3);
    assertThatThrownBy(() -> SynthConfig.builder().optMinIntensity(1.5).build())
        .isInstanceOf(FerException.class).hasMessageContaining("minIntensity = 1.5");
  }
}
