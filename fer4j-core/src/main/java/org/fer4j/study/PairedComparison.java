package org.fer4j.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A paired comparison of one metric between two methods over the training seeds both finished:
 * runs with the same seed saw the same data, so their difference removes the data's share of the
 * spread. Reports the mean and sample standard deviation of the differences, how many seeds favour
 * the claim, and a two-sided paired t-test (Student, 1908; {@code n - 1} degrees of freedom).
 *
 * @param n seeds both methods finished
 * @param meanDiff mean of (method - comparator)
 * @param sdDiff sample standard deviation of the differences (0 for one seed)
 * @param favouring seeds whose difference has the sign the claim predicts
 * @param t paired t statistic (NaN with fewer than two seeds or no spread)
 * @param p two-sided p-value of {@code t} (NaN when {@code t} is)
 */
public record PairedComparison(int n, double meanDiff, double sdDiff, int favouring, double t, double p) {

  /**
   * Compares {@code method} with {@code comparator} on {@code metric}; {@code higherIsBetter} says
   * which sign of the difference the claim predicts. Empty when no seed has both runs.
   */
  public static Optional<PairedComparison> of(List<StudyResult> results, String method, String comparator,
      ToDoubleFunction<StudyResult> metric, boolean higherIsBetter) {
    List<Double> diffs = new ArrayList<>();
    for (StudyResult r : results) {
      if (!r.method().equals(method)) {
        continue;
      }
      results.stream().filter(c -> c.method().equals(comparator) && c.seed() == r.seed()).findFirst()
          .map(c -> metric.applyAsDouble(r) - metric.applyAsDouble(c)).filter(d -> !d.isNaN()).ifPresent(diffs::add);
    }
    if (diffs.isEmpty()) {
      return Optional.empty();
    }
    StudyTable.Stat s = StudyTable.stat(diffs);
    int favouring = (int) diffs.stream().filter(d -> higherIsBetter ? d > 0 : d < 0).count();
    double t = s.n() < 2 || s.std() == 0 ? Double.NaN : s.mean() / (s.std() / Math.sqrt(s.n()));
    double p = Double.isNaN(t) ? Double.NaN : twoSidedP(t, s.n() - 1);
    return Optional.of(new PairedComparison(s.n(), s.mean(), s.std(), favouring, t, p));
  }

  /** True when the mean difference has the predicted sign and p < 0.05. */
  public boolean significant(boolean higherIsBetter) {
    return !Double.isNaN(p) && p < 0.05 && (higherIsBetter ? meanDiff > 0 : meanDiff < 0);
  }

  /** {@code -3.1 ± 1.2} in points (the differences are fractions). */
  public String points() {
    return String.format(Locale.ROOT, "%+.1f ± %.1f", 100 * meanDiff, 100 * sdDiff);
  }

  /**
   * Two-sided p-value of Student's t with {@code df} degrees of freedom: the regularised incomplete
   * beta function {@code I_x(df/2, 1/2)} at {@code x = df / (df + t^2)}.
   */
  static double twoSidedP(double t, int df) {
    return IncompleteBeta.regularized(df / 2.0, 0.5, df / (df + t * t));
  }
}
