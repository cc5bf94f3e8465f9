package org.fer4j.data.datasets.labels;

import java.util.List;

/**
 * FERPlus: the vote columns of {@code fer2013new.csv} ({@code microsoft/FERPlus}), in file order
 * after {@code Usage,Image name}. The last two columns, unknown and NF (not a face), are not
 * classes: a row they win is dropped (FERPlus {@code src/ferplus.py}).
 */
public final class FerPlusLabels {
  private FerPlusLabels() {}

  /** The 10 vote columns in file order. */
  public static final List<String> COLUMNS = List.of(
      "neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear", "contempt",
      "unknown", "NF");

  /** Number of vote columns that are emotions (the rest are unknown and NF). */
  public static final int EMOTIONS = 8;

  public static final LabelTable TABLE = LabelTable.builder("FERPlus")
      .map("neutral", "Neutral")
      .map("happiness", "Happiness")
      .map("surprise", "Surprise")
      .map("sadness", "Sadness")
      .map("anger", "Anger")
      .map("disgust", "Disgust")
      .map("fear", "Fear")
      .map("contempt", "Contempt")
      .exclude("unknown", "votes say unknown")
      .exclude("NF", "votes say not a face")
      .build();
}
