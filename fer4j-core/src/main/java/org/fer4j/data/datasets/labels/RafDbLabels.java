package org.fer4j.data.datasets.labels;

/**
 * RAF-DB basic: codes 1..7 in {@code EmoLabel/list_patition_label.txt}. Source: the RAF-DB
 * README and {@code kaiwang960112/Self-Cure-Network:src/train.py} (comment listing the order).
 */
public final class RafDbLabels {
  private RafDbLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("RAF-DB")
      .map("1", "Surprise")
      .map("2", "Fear")
      .map("3", "Disgust")
      .map("4", "Happiness")
      .map("5", "Sadness")
      .map("6", "Anger")
      .map("7", "Neutral")
      .build();
}
