package org.fer4j.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Aggregates study runs over seeds (mean and sample standard deviation) and renders the Markdown
 * report: one table for the image models (clean and occluded test), one for the clip models with
 * accuracy by clip intensity bin.
 */
public final class StudyTable {
  private StudyTable() {}

  /**
   * Mean and sample standard deviation (n - 1 in the denominator; 0 for a single value) of the
   * non-NaN values; {@code n} counts them.
   */
  public record Stat(double mean, double std, int n) {
    /**
     * Percent with one decimal, e.g. {@code 81.2 ± 1.3}; a single run has no spread ({@code 81.2}),
     * and no run gives an en dash.
     */
    public String percent() {
      if (n == 0) {
        return "–";
      }
      return n == 1 ? String.format(Locale.ROOT, "%.1f", 100 * mean)
          : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
    }
  }

  /** Mean and sample standard deviation of the non-NaN values. */
  public static Stat stat(List<Double> values) {
    List<Double> v = values.stream().filter(Objects::nonNull).filter(d -> !Double.isNaN(d)).toList();
    if (v.isEmpty()) {
      return new Stat(Double.NaN, Double.NaN, 0);
    }
    double mean = v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
    double ss = v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
    return new Stat(mean, v.size() < 2 ? 0 : Math.sqrt(ss / (v.size() - 1)), v.size());
  }

  /** The statistic of one metric column (see {@link StudyResult#metric}) over a method's runs. */
  public static Stat stat(List<StudyResult> results, String method, String column) {
    return stat(runsOf(results, method).stream().map(r -> r.metric(column)).toList());
  }

  /**
   * What the report says about how it was made.
   *
   * @param command the command line that produced it
   * @param budget data, epochs and seeds in words
   * @param date when it was written (UTC)
   * @param binCounts test clips per intensity bin (may be empty when no clip model ran)
   * @param csv where the per-run CSV is, as the reader should find it
   * @param valWar validation WAR per epoch of each run, keyed by {@link StudyResult#runDir()} (may be
   *     empty)
   * @param commits the commits the runs were trained with ({@code Provenance} of each run)
   */
  public record Context(String command, String budget, String date, Map<String, Integer> binCounts, String csv,
      Map<String, List<Double>> valWar, List<String> commits) {}

  /** Marks the end of the generated part: hand-written text after this line survives a rewrite. */
  public static final String ANALYSIS_MARKER = "<!-- Text below this line is kept when the study rewrites the tables. -->";

  /** The new generated document followed by the hand-written part of the previous one, if any. */
  public static String keepAnalysis(String generated, String previous) {
    int at = previous == null ? -1 : previous.indexOf(ANALYSIS_MARKER);
    return at < 0 ? generated : generated + "\n" + previous.substring(at);
  }

  /** The whole Markdown document. */
  public static String markdown(List<StudyMethod> methods, List<StudyResult> results, Context ctx) {
    StringBuilder md = new StringBuilder();
    md.append("# SynthFER study\n\n")
        .append("Produced by `").append(ctx.command()).append("` on ").append(ctx.date())
        .append(ctx.commits().isEmpty() ? "" : ", runs trained at commit " + String.join(", ", ctx.commits()))
        .append(".\n\n")
        .append("Budget: ").append(ctx.budget()).append(".\n\n")
        .append("Mean ± sample standard deviation over seeds (a single run shows its value), in percent; ")
        .append("accuracy = WAR, UAR = mean class ")
        .append("recall. The reported epoch is the best on the validation split (10 % of the training ")
        .append("images), never selected on a test split.\n\n");
    List<StudyMethod> images = methods.stream().filter(m -> !m.clips()).toList();
    List<StudyMethod> clips = methods.stream().filter(StudyMethod::clips).toList();
    if (!images.isEmpty()) {
      md.append("## Images: clean and occluded (FED-RO layout) test\n\n")
          .append("| method | claim | runs | clean WAR | clean UAR | occluded WAR | occluded UAR | drop (clean − occluded WAR) | s/run |\n")
          .append("|---|---|---|---|---|---|---|---|---|\n");
      for (StudyMethod m : images) {
        md.append(imageRow(m, results));
      }
      md.append('\n');
    }
    if (!clips.isEmpty()) {
      md.append("## Clips (DFEW layout, fold 1): accuracy by clip intensity\n\n")
          .append("Bins: ").append(IntensityBins.describe()).append(". Test clips per bin: ")
          .append(ctx.binCounts()).append(" (one clip moves the smallest bin by ")
          .append(ctx.binCounts().values().stream().filter(c -> c > 0).min(Integer::compare)
              .map(c -> String.format(Locale.ROOT, "%.1f", 100.0 / c)).orElse("–"))
          .append(" points).\n\n")
          .append("| method | claim | runs | WAR | UAR | neutral | low | mid | high | s/run |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (StudyMethod m : clips) {
        md.append(clipRow(m, results));
      }
      md.append('\n');
    }
    md.append(StudyClaims.markdown(results));
    md.append(convergence(methods, results, ctx.valWar()));
    md.append("Per-run numbers: `").append(ctx.csv()).append("`.\n");
    return md.toString();
  }

  private static String imageRow(StudyMethod m, List<StudyResult> results) {
    String k = m.key();
    List<Double> drops = runsOf(results, k).stream().map(r -> r.cleanWar() - r.occludedWar()).toList();
    return row(List.of(k, m.claim(), Integer.toString(runsOf(results, k).size()),
        stat(results, k, "clean_war").percent(), stat(results, k, "clean_uar").percent(),
        stat(results, k, "occluded_war").percent(), stat(results, k, "occluded_uar").percent(),
        stat(drops).percent(), seconds(stat(results, k, "seconds"))));
  }

  private static String clipRow(StudyMethod m, List<StudyResult> results) {
    String k = m.key();
    List<String> cells = new ArrayList<>(List.of(k, m.claim(), Integer.toString(runsOf(results, k).size()),
        stat(results, k, "clean_war").percent(), stat(results, k, "clean_uar").percent()));
    IntensityBins.NAMES.forEach(b -> cells.add(stat(results, k, "int_" + b).percent()));
    cells.add(seconds(stat(results, k, "seconds")));
    return row(cells);
  }

  /**
   * Whether training converged: each method's validation WAR at its last epoch and the gain over
   * the last three epochs (the best of the last three minus the value three epochs before the end).
   */
  static String convergence(List<StudyMethod> methods, List<StudyResult> results, Map<String, List<Double>> valWar) {
    if (valWar.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("## Convergence: validation WAR at the end of training\n\n")
        .append("Gain = best validation WAR of the last 3 epochs − validation WAR 3 epochs before the end, ")
        .append("in points; the budget counts as converged for the baseline when every run gained < 1 point.\n\n")
        .append("| method | runs | val WAR, last epoch | gain over the last 3 epochs | largest gain of a run |\n")
        .append("|---|---|---|---|---|\n");
    for (StudyMethod m : methods) {
      List<List<Double>> curves = runsOf(results, m.key()).stream().map(r -> valWar.get(r.runDir()))
          .filter(c -> c != null && c.size() >= 4).toList();
      if (curves.isEmpty()) {
        continue;
      }
      List<Double> gains = curves.stream().map(c -> c.subList(c.size() - 3, c.size()).stream()
          .mapToDouble(Double::doubleValue).max().orElseThrow() - c.get(c.size() - 4)).toList();
      Stat last = stat(curves.stream().map(c -> c.get(c.size() - 1)).toList());
      md.append(row(List.of(m.key(), Integer.toString(curves.size()), last.percent(), stat(gains).percent(),
          String.format(Locale.ROOT, "%.1f", 100 * gains.stream().mapToDouble(Double::doubleValue).max().orElseThrow()))));
    }
    return md.append('\n').toString();
  }

  private static String seconds(Stat s) {
    return s.n() == 0 ? "–" : String.format(Locale.ROOT, "%.0f", s.mean());
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  private static List<StudyResult> runsOf(List<StudyResult> results, String method) {
    return results.stream().filter(r -> r.method().equals(method)).toList();
  }
}
