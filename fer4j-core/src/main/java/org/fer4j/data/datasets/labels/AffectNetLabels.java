package org.fer4j.data.datasets.labels;

/**
 * AffectNet's {@code expression} codes 0..10 (Mollahosseini et al., IEEE TAC 2017; the same list
 * is in {@code 1980x/CFERNet:dataset/affectnet_dataset.py}). 8, 9 and 10 are not expressions.
 */
public final class AffectNetLabels {
  private AffectNetLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("AffectNet")
      .map("0", "Neutral")
      .map("1", "Happiness")
      .map("2", "Sadness")
      .map("3", "Surprise")
      .map("4", "Fear")
      .map("5", "Disgust")
      .map("6", "Anger")
      .map("7", "Contempt")
      .exclude("8", "None (no expression class)")
      .exclude("9", "Uncertain")
      .exclude("10", "No-Face")
      .build();
}
