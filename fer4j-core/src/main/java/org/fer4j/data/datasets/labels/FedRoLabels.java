package org.fer4j.data.datasets.labels;

/**
 * FED-RO's folder names ({@code mysee1989/PG-CNN}; list file read in
 * {@code 1980x/CFERNet:dataset/fedro_dataset.py}). The release spells neutral "neural"; both
 * spellings are accepted.
 */
public final class FedRoLabels {
  private FedRoLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("FED-RO")
      .map("neural", "Neutral")
      .map("neutral", "Neutral")
      .map("happy", "Happiness")
      .map("sad", "Sadness")
      .map("surprise", "Surprise")
      .map("fear", "Fear")
      .map("disgust", "Disgust")
      .map("anger", "Anger")
      .build();
}
