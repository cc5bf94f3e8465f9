package org.fer4j.data.datasets.labels;

/**
 * DFEW's labels 1..7 in the {@code EmoLabel_DataSplit} CSVs (official README;
 * {@code sunlicai/MAE-DFER:preprocess/dfew.py} uses label-1). 0 marks clips without a single
 * label; they are not in the single-labelled splits, and are dropped if met.
 */
public final class DfewLabels {
  private DfewLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("DFEW")
      .map("1", "Happiness")
      .map("2", "Sadness")
      .map("3", "Neutral")
      .map("4", "Anger")
      .map("5", "Surprise")
      .map("6", "Disgust")
      .map("7", "Fear")
      .exclude("0", "not single-labelled")
      .build();
}
