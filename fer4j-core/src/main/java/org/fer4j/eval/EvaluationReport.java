package org.fer4j.eval;

import java.util.List;
import java.util.Map;

/**
 * Everything an evaluation produced, immutable: the metrics, how the reported checkpoint was
 * chosen, the paper's figure for comparison, and the most confident mistakes.
 *
 * @param title e.g. "aglf_resnet18 on RAF-DB test"
 * @param model registered model name
 * @param dataset data set description (format, split, fold)
 * @param selectionRule how the evaluated checkpoint was chosen ("last epoch", "best val UAR")
 * @param metrics single-label metrics (null for attribute-only evaluation)
 * @param attributes per-attribute accuracy (empty when not an attribute task)
 * @param meanAttributeAccuracy mean over attributes, NaN when not an attribute task
 * @param paperMetric name of the paper's metric (war, uar, mean_attr), may be null
 * @param paperValue the paper's value in percent, NaN if none
 * @param paperSource where the paper's number comes from
 * @param mistakes the most confident wrong predictions
 * @param extra additional named numbers (e.g. per-fold values, occluded accuracy)
 */
public record EvaluationReport(
    String title,
    String model,
    String dataset,
    String selectionRule,
    ClassificationMetrics metrics,
    List<Map.Entry<String, Double>> attributes,
    double meanAttributeAccuracy,
    String paperMetric,
    double paperValue,
    String paperSource,
    List<Mistake> mistakes,
    Map<String, Double> extra) {

  public EvaluationReport {
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    mistakes = mistakes == null ? List.of() : List.copyOf(mistakes);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * A wrong prediction kept for the report's grid.
   *
   * @param id sample id
   * @param truth true class name
   * @param predicted predicted class name
   * @param confidence probability of the predicted class
   * @param thumbnailPng a small PNG of the input, may be null
   */
  public record Mistake(String id, String truth, String predicted, double confidence, byte[] thumbnailPng) {}

  /** The value of the paper's metric in this evaluation, in percent (NaN if unknown). */
  public double ourValueForPaperMetric() {
    if (paperMetric == null) {
      return Double.NaN;
    }
    return switch (paperMetric) {
      case "war" -> metrics == null ? Double.NaN : metrics.war() * 100;
      case "uar" -> metrics == null ? Double.NaN : metrics.uar() * 100;
      case "macro_f1" -> metrics == null ? Double.NaN : metrics.macroF1() * 100;
      case "mean_attr" -> meanAttributeAccuracy * 100;
      default -> Double.NaN;
    };
  }
}
