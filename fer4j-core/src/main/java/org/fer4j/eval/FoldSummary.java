package org.fer4j.eval;

import java.util.List;
import java.util.Locale;

/**
 * A cross-validation protocol's result: one evaluation per fold (each fold's run on its own test
 * split) and the mean and standard deviation over folds of WAR, UAR and macro-F1, as DFEW's 5-fold
 * and CK+'s 10-fold protocols report them (docs/methods.md#datasets). The standard deviation is the
 * population one (divided by the number of folds, numpy's default), the spread of these folds.
 * The pooled confusion matrix sums the folds' matrices.
 *
 * @param title e.g. "gcsa_resnet18 on dfew, 5 folds"
 * @param folds per-fold results, in fold order
 * @param pooled every fold's confusion counts added up
 */
public record FoldSummary(String title, List<Fold> folds, ConfusionMatrix pooled) {

  /**
   * One fold.
   *
   * @param fold fold number (1-based)
   * @param run the fold's run directory name
   * @param report the fold's evaluation
   */
  public record Fold(int fold, String run, EvaluationReport report) {}

  public FoldSummary {
    folds = List.copyOf(folds);
  }

  /** Builds the summary; every fold must have single-label metrics over the same classes. */
  public static FoldSummary of(String title, List<Fold> folds) {
    if (folds.isEmpty()) {
      throw org.fer4j.FerException.badInput("no folds to summarise");
    }
    ConfusionMatrix first = folds.get(0).report().metrics().confusion();
    long[][] sum = new long[first.size()][first.size()];
    for (Fold f : folds) {
      long[][] c = f.report().metrics().confusion().counts();
      if (c.length != sum.length) {
        throw org.fer4j.FerException.badInput("fold " + f.fold() + " has " + c.length + " classes, fold "
            + folds.get(0).fold() + " has " + sum.length + "; folds of one protocol must share their classes");
      }
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c.length; j++) {
          sum[i][j] += c[i][j];
        }
      }
    }
    return new FoldSummary(title, folds, ConfusionMatrix.of(first.labels(), sum));
  }

  /** A metric of every fold: war, uar or macro_f1. */
  public double[] values(String metric) {
    return folds.stream().mapToDouble(f -> metricOf(f.report().metrics(), metric)).toArray();
  }

  /** Mean over folds. */
  public double mean(String metric) {
    double[] v = values(metric);
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Population standard deviation over folds (0 for one fold). */
  public double std(String metric) {
    double[] v = values(metric);
    double m = mean(metric);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }

  static double metricOf(ClassificationMetrics c, String metric) {
    return switch (metric) {
      case "war" -> c.war();
      case "uar" -> c.uar();
      case "macro_f1" -> c.macroF1();
      default -> throw new IllegalArgumentException("unknown fold metric " + metric);
    };
  }

  /** A plain-text table: one line per fold, then mean ± std, in percent. */
  public String table() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s %8s %8s %9s  %s%n", "fold", "WAR", "UAR",
        "macro-F1", "checkpoint"));
    for (Fold f : folds) {
      ClassificationMetrics c = f.report().metrics();
      sb.append(String.format(Locale.ROOT, "%-6d %8.2f %8.2f %9.2f  %s%n", f.fold(), c.war() * 100, c.uar() * 100,
          c.macroF1() * 100, f.report().selectionRule()));
    }
    sb.append(String.format(Locale.ROOT, "mean   %8.2f %8.2f %9.2f%n", mean("war") * 100, mean("uar") * 100,
        mean("macro_f1") * 100));
    sb.append(String.format(Locale.ROOT, "std    %8.2f %8.2f %9.2f%n", std("war") * 100, std("uar") * 100,
        std("macro_f1") * 100));
    return sb.toString();
  }
}
