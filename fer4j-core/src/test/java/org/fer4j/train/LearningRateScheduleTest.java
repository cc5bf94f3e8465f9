package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fer4j.run.TrainConfig;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void schedulesMatchHandComputedValues() {
    LearningRateSchedule step =
        LearningRateSchedule.of(new TrainConfig.ScheduleConfig("step", 7, 0.5, 0, 0), 1e-3, 40);
    assertThat(step.lr(6)).isCloseTo(1e-3, within(1e-15));
    assertThat(step.lr(7)).isCloseTo(5e-4, within(1e-15));
    assertThat(step.lr(14)).isCloseTo(2.5e-4, within(1e-15));
    LearningRateSchedule exp =
        LearningRateSchedule.of(new TrainConfig.ScheduleConfig("exponential", 0, 0.95, 0, 0), 2.5e-4, 60);
    assertThat(exp.lr(2)).isCloseTo(2.5e-4 * 0.9025, within(1e-15));
    LearningRateSchedule cos =
        LearningRateSchedule.of(new TrainConfig.ScheduleConfig("cosine", 0, 0, 2, 0), 1.0, 12);
    assertThat(cos.lr(0)).isCloseTo(0.01, within(1e-12)); // warm-up starts at lr/100
    assertThat(cos.lr(1)).isCloseTo(0.505, within(1e-12));
    assertThat(cos.lr(2)).isCloseTo(1.0, within(1e-12));
    assertThat(cos.lr(7)).isCloseTo(0.5, within(1e-12)); // half-way through the 10 cosine epochs
    assertThat(cos.lr(12)).isCloseTo(0.0, within(1e-12));
  }
}
