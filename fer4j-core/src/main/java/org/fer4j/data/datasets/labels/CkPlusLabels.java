package org.fer4j.data.datasets.labels;

/**
 * CK+ emotion codes 0..7 in {@code Emotion/Sxxx/yyy/*_emotion.txt} (Lucey et al., CVPR
 * Workshops 2010; order from the CK+ README).
 */
public final class CkPlusLabels {
  private CkPlusLabels() {}

  public static final LabelTable TABLE = LabelTable.builder("CK+")
      .map("0", "Neutral")
      .map("1", "Anger")
      .map("2", "Contempt")
      .map("3", "Disgust")
      .map("4", "Fear")
      .map("5", "Happiness")
      .map("6", "Sadness")
      .map("7", "Surprise")
      .build();
}
