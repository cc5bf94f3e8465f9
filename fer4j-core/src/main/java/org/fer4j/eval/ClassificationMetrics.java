package org.fer4j.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Single-label classification metrics from a confusion matrix, as FER papers report them.
 *
 * <p>WAR (weighted average recall) is plain accuracy; UAR (unweighted average recall) is the mean
 * of per-class recalls over classes that have samples, the DFEW/FERV39K metric. Macro-F1 averages
 * per-class F1 over the same classes. Per-class definitions follow Tribuo's LabelEvaluation.
 *
 * @param war accuracy
 * @param uar mean per-class recall
 * @param macroF1 mean per-class F1
 * @param top2 fraction whose true class is among the two highest scores (NaN if not computed)
 * @param perClass precision/recall/F1 per class, in label order
 * @param confusion the counts behind every number
 */
public record ClassificationMetrics(
    double war,
    double uar,
    double macroF1,
    double top2,
    List<ClassMetrics> perClass,
    ConfusionMatrix confusion) {

  /** Computes every metric from a confusion matrix; {@code top2} is passed through. */
  public static ClassificationMetrics from(ConfusionMatrix m, double top2) {
    List<ClassMetrics> per = new ArrayList<>();
    double recallSum = 0;
    double f1Sum = 0;
    int present = 0;
    for (int c = 0; c < m.size(); c++) {
      long tp = m.count(c, c);
      long support = m.support(c);
      long predicted = m.predictedAs(c);
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = support == 0 ? 0 : (double) tp / support;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      per.add(new ClassMetrics(m.labels().nameOf(c), support, precision, recall, f1));
      if (support > 0) {
        recallSum += recall;
        f1Sum += f1;
        present++;
      }
    }
    long total = m.total();
    double war = total == 0 ? 0 : (double) m.correct() / total;
    double uar = present == 0 ? 0 : recallSum / present;
    double macroF1 = present == 0 ? 0 : f1Sum / present;
    return new ClassificationMetrics(war, uar, macroF1, top2, List.copyOf(per), m.copy());
  }

  /** A plain-text table with class names, for the terminal and logs. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-12s %8s %9s %7s %7s%n", "class", "support", "precision", "recall", "F1"));
    for (ClassMetrics c : perClass) {
      sb.append(
          String.format(
              "%-12s %8d %9.4f %7.4f %7.4f%n",
              c.name(), c.support(), c.precision(), c.recall(), c.f1()));
    }
    sb.append(String.format("WAR (accuracy) %.4f   UAR %.4f   macro-F1 %.4f", war, uar, macroF1));
    if (!Double.isNaN(top2)) {
      sb.append(String.format("   top-2 %.4f", top2));
    }
    return sb.append(System.lineSeparator()).toString();
  }
}
