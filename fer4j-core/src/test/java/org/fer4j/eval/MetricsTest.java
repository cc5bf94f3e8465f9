package org.fer4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fer4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final LabelSpace ABC = new LabelSpace("abc", List.of("A", "B", "C"), false);

  /**
   * Rows = truth. A: 8 samples, 6 right; B: 4 samples, 2 right; C: 2 samples, 0 right.
   * Column sums (predicted as): A 6+1+1=8, B 1+2+1=4, C 1+1+0=2.
   */
  private static final long[][] COUNTS = {{6, 1, 1}, {1, 2, 1}, {1, 1, 0}};

  @Test
  void warUarAndPerClassFromAHandComputedMatrix() {
    ClassificationMetrics m = ClassificationMetrics.from(ConfusionMatrix.of(ABC, COUNTS), Double.NaN);
    // WAR = (6+2+0)/14; UAR = (6/8 + 2/4 + 0/2)/3.
    assertThat(m.war()).isCloseTo(8.0 / 14, within(1e-12));
    assertThat(m.uar()).isCloseTo((0.75 + 0.5 + 0.0) / 3, within(1e-12));
    ClassMetrics a = m.perClass().get(0);
    assertThat(a.name()).isEqualTo("A");
    assertThat(a.support()).isEqualTo(8);
    assertThat(a.precision()).isCloseTo(6.0 / 8, within(1e-12));
    assertThat(a.recall()).isCloseTo(6.0 / 8, within(1e-12));
    ClassMetrics b = m.perClass().get(1);
    assertThat(b.precision()).isCloseTo(2.0 / 4, within(1e-12));
    assertThat(b.f1()).isCloseTo(0.5, within(1e-12));
    ClassMetrics c = m.perClass().get(2);
    assertThat(c.f1()).isZero();
    // macro-F1 = (0.75 + 0.5 + 0)/3
    assertThat(m.macroF1()).isCloseTo(1.25 / 3, within(1e-12));
  }

  @Test
  void uarIgnoresClassesWithoutSamples() {
    long[][] counts = {{3, 1, 0}, {0, 4, 0}, {0, 0, 0}};
    ClassificationMetrics m = ClassificationMetrics.from(ConfusionMatrix.of(ABC, counts), Double.NaN);
    assertThat(m.uar()).isCloseTo((0.75 + 1.0) / 2, within(1e-12));
    assertThat(m.war()).isCloseTo(7.0 / 8, within(1e-12));
  }

  @Test
  void rowNormalisedRowsSumToOne() {
    double[][] r = ConfusionMatrix.of(ABC, COUNTS).rowNormalised();
    assertThat(r[0]).containsExactly(0.75, 0.125, 0.125);
    assertThat(r[2]).containsExactly(0.5, 0.5, 0.0);
  }

  @Test
  void evaluatorComputesTop2AndArgmax() {
    ClassificationEvaluator e = new ClassificationEvaluator(ABC);
    e.add(new float[] {0.7f, 0.2f, 0.1f}, 0); // right
    e.add(new float[] {0.5f, 0.4f, 0.1f}, 1); // wrong, but second
    e.add(new float[] {0.5f, 0.4f, 0.1f}, 2); // wrong, third
    e.addBatch(new float[] {0f, 0f, 1f, 3f, 1f, 2f}, new int[] {2, 2}); // right; wrong but second
    ClassificationMetrics m = e.result();
    assertThat(m.war()).isCloseTo(2.0 / 5, within(1e-12));
    assertThat(m.top2()).isCloseTo(4.0 / 5, within(1e-12));
    assertThat(m.confusion().count(1, 0)).isEqualTo(1);
    assertThat(m.table()).contains("A ").contains("UAR").contains("top-2 0.8000");
  }

  @Test
  void topKBreaksTiesByIndex() {
    assertThat(Scores.inTopK(new float[] {1, 1, 1}, 1, 2)).isTrue();
    assertThat(Scores.inTopK(new float[] {1, 1, 1}, 2, 2)).isFalse();
    assertThat(Scores.argmax(new float[] {2, 5, 5})).isEqualTo(1);
  }

  @Test
  void attributeAccuracyThresholdsAtHalf() {
    LabelSpace two = new LabelSpace("attrs", List.of("Smiling", "Eyeglasses"), true);
    AttributeMetrics am = new AttributeMetrics(two, 0.5);
    am.add(new float[] {0.9f, 0.2f}, new float[] {1, 0}); // both right
    am.add(new float[] {0.5f, 0.6f}, new float[] {0, 0}); // both wrong (0.5 counts as positive)
    am.add(new float[] {0.1f, 0.7f}, new float[] {0, 1}); // both right
    am.add(new float[] {0.4f, 0.3f}, new float[] {1, 0}); // Smiling wrong, Eyeglasses right
    assertThat(am.accuracy(0)).isCloseTo(0.5, within(1e-12));
    assertThat(am.accuracy(1)).isCloseTo(0.75, within(1e-12));
    assertThat(am.meanAccuracy()).isCloseTo(0.625, within(1e-12));
    assertThat(am.perAttribute().get(1).getKey()).isEqualTo("Eyeglasses");
  }
}
