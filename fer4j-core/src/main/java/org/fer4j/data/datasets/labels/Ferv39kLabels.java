package org.fer4j.data.datasets.labels;

/**
 * FERV39K's class names as written in {@code 4_setups/All_scenes/*_All.csv} and in the frame
 * folder paths ({@code sunlicai/MAE-DFER:preprocess/ferv39k.py}). Mapped by name, because the
 * index order differs between repositories.
 */
public final class Ferv39kLabels {
  private Ferv39kLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("FERV39K")
      .map("Happy", "Happiness")
      .map("Sad", "Sadness")
      .map("Neutral", "Neutral")
      .map("Angry", "Anger")
      .map("Surprise", "Surprise")
      .map("Disgust", "Disgust")
      .map("Fear", "Fear")
      .build();
}
