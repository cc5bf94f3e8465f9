package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.fer4j.data.LabelSpace;
import org.fer4j.eval.ClassificationMetrics;
import org.fer4j.eval.ConfusionMatrix;
import org.junit.jupiter.api.Test;

/** The demo's closing line judges each goal on its own and names the weakest class. */
class DemoGoalTest {
  /** A 7-class confusion matrix with 10 test images per class and {@code correct[c]} right. */
  private static ClassificationMetrics metrics(int... correct) {
    long[][] counts = new long[7][7];
    for (int c = 0; c < 7; c++) {
      counts[c][c] = correct[c];
      counts[c][(c + 1) % 7] = 10 - correct[c];
    }
    return ClassificationMetrics.from(ConfusionMatrix.of(LabelSpace.EXPRESSION_7, counts), Double.NaN);
  }

  @Test
  void everyGoalMetPasses() {
    DemoGoal g = new DemoGoal("aglf_resnet18", metrics(9, 6, 9, 9, 9, 9, 9), 0.64, Duration.ofSeconds(492));
    assertThat(g.passed()).isTrue();
    assertThat(g.line())
        .isEqualTo("demo: aglf_resnet18 clean WAR 85.7 % (goal >= 80 %: PASS), min class recall 60.0 % Fear"
            + " (goal >= 50 %: PASS), occluded WAR 64.0 %, 8m12s without the jar build (goal <= 10m: PASS)");
  }

  @Test
  void eachGoalCanMissOnItsOwn() {
    // Clean WAR 80 % exactly passes, but Anger at 40 % misses the recall goal.
    DemoGoal weakClass = new DemoGoal("m", metrics(10, 9, 8, 8, 8, 4, 9), 0.5, Duration.ofMinutes(5));
    assertThat(weakClass.clean().war()).isEqualTo(0.80, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(weakClass.passed()).isFalse();
    assertThat(weakClass.line()).contains("WAR 80.0 % (goal >= 80 %: PASS)")
        .contains("recall 40.0 % Anger (goal >= 50 %: MISS)");
    DemoGoal low = new DemoGoal("m", metrics(7, 7, 7, 7, 7, 7, 7), 0.5, Duration.ofMinutes(5));
    assertThat(low.passed()).isFalse();
    assertThat(low.line()).contains("70.0 % (goal >= 80 %: MISS)").contains("(goal >= 50 %: PASS)");
    DemoGoal slow = new DemoGoal("m", metrics(9, 9, 9, 9, 9, 9, 9), 0.5, Duration.ofSeconds(601));
    assertThat(slow.passed()).isFalse();
    assertThat(slow.line()).endsWith("10m01s without the jar build (goal <= 10m: MISS)");
  }
}
