package org.fer4j.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch produced: a row of {@code metrics.csv}.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's batches
 * @param lr learning rate used
 * @param validation validation metrics by name (war, uar, macro_f1, loss...), may be empty
 * @param seconds wall time of the epoch (training + validation)
 * @param imagesPerSecond training throughput
 */
public record EpochSummary(
    int epoch, double trainLoss, double lr, Map<String, Double> validation, double seconds,
    double imagesPerSecond) {

  public EpochSummary {
    validation = Map.copyOf(validation);
  }

  /** The CSV row: epoch, lr, train_loss, val_* metrics, seconds, images_per_s. */
  public Map<String, Double> row() {
    Map<String, Double> r = new LinkedHashMap<>();
    r.put("epoch", (double) epoch);
    r.put("lr", lr);
    r.put("train_loss", trainLoss);
    new java.util.TreeMap<>(validation).forEach((k, v) -> r.put("val_" + k, v));
    r.put("seconds", seconds);
    r.put("images_per_s", imagesPerSecond);
    return r;
  }
}
