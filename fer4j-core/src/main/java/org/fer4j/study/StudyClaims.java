package org.fer4j.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The advantages the seed papers claim, each as a paired comparison the study can test: a method,
 * what it is compared with, the metric, and which direction the claim predicts. Rendered as the
 * study's verdict table.
 */
public final class StudyClaims {
  private StudyClaims() {}

  /**
   * One testable claim.
   *
   * @param method the method whose paper makes the claim
   * @param comparator what it is compared with (the baseline, or the ablation without the part)
   * @param metric what is compared, in words
   * @param value the metric of one run
   * @param higherIsBetter the direction the claim predicts
   */
  public record Claim(String method, String comparator, String metric, ToDoubleFunction<StudyResult> value,
      boolean higherIsBetter) {}

  private static final ToDoubleFunction<StudyResult> DROP = r -> r.cleanWar() - r.occludedWar();

  /** Occlusion robustness of AGLF and LNLJ, FAER's accuracy, and CAI on low-intensity clips. */
  public static final List<Claim> ALL = List.of(
      new Claim("aglf", "resnet18", "clean − occluded WAR drop", DROP, false),
      new Claim("aglf", "resnet18", "occluded WAR", StudyResult::occludedWar, true),
      new Claim("lnlj", "resnet18", "clean − occluded WAR drop", DROP, false),
      new Claim("lnlj", "resnet18", "occluded WAR", StudyResult::occludedWar, true),
      new Claim("faer", "resnet18", "clean WAR", StudyResult::cleanWar, true),
      new Claim("gcsa_cai", "gcsa_ce", "low-intensity bin accuracy", r -> r.metric("int_low"), true),
      new Claim("gcsa_cai", "gcsa_ce", "clip WAR", StudyResult::cleanWar, true));

  /** The verdict table over the claims whose two methods both have runs. */
  public static String markdown(List<StudyResult> results) {
    List<String> rows = new ArrayList<>();
    for (Claim c : ALL) {
      Optional<PairedComparison> cmp = PairedComparison.of(results, c.method(), c.comparator(), c.value(),
          c.higherIsBetter());
      cmp.ifPresent(p -> rows.add(row(c, p)));
    }
    if (rows.isEmpty()) {
      return "";
    }
    return "## Claims: paired comparisons over seeds\n\n"
        + "Difference = method − comparator on the same training seed (same data, same seed), in points; "
        + "a claim of a smaller drop predicts a negative difference. t: paired t statistic, p: its two-sided "
        + "p-value (n − 1 degrees of freedom). With three seeds only a large, consistent difference reaches "
        + "p < 0.05.\n\n"
        + "| method | vs | metric | difference | seeds favouring the claim | t (df) | p | verdict |\n"
        + "|---|---|---|---|---|---|---|---|\n"
        + String.join("", rows) + "\n";
  }

  private static String row(Claim c, PairedComparison p) {
    String t = Double.isNaN(p.t()) ? "–" : String.format(Locale.ROOT, "%.2f (%d)", p.t(), p.n() - 1);
    String pv = Double.isNaN(p.p()) ? "–" : String.format(Locale.ROOT, "%.3f", p.p());
    return "| " + String.join(" | ", c.method(), c.comparator(), c.metric(), p.points(),
        p.favouring() + " of " + p.n(), t, pv, verdict(c, p)) + " |\n";
  }

  /** Appears (significant in the predicted direction), not shown, or the opposite; no test on one seed. */
  static String verdict(Claim c, PairedComparison p) {
    boolean predicted = c.higherIsBetter() ? p.meanDiff() > 0 : p.meanDiff() < 0;
    if (p.n() < 2) {
      return "one seed so far: no test";
    }
    if (p.significant(c.higherIsBetter())) {
      return "**appears**";
    }
    if (predicted) {
      return "predicted direction, not significant";
    }
    return p.p() < 0.05 ? "**opposite** (significant)" : "does not appear";
  }
}
