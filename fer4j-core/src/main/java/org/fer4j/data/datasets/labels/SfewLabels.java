package org.fer4j.data.datasets.labels;

/** SFEW 2.0's class folder names (EmotiW release: Train/ and Val/ hold one folder per class). */
public final class SfewLabels {
  private SfewLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("SFEW")
      .map("Angry", "Anger")
      .map("Disgust", "Disgust")
      .map("Fear", "Fear")
      .map("Happy", "Happiness")
      .map("Neutral", "Neutral")
      .map("Sad", "Sadness")
      .map("Surprise", "Surprise")
      .build();
}
