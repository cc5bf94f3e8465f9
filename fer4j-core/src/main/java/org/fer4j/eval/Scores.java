package org.fer4j.eval;

/** Helpers over one row of class scores (logits or probabilities). */
public final class Scores {
  private Scores() {}

  /** Index of the highest score; the first one wins ties. */
  public static int argmax(float[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  /** True when {@code truth} is among the {@code k} highest scores (ties broken by index). */
  public static boolean inTopK(float[] scores, int truth, int k) {
    int higher = 0;
    for (int i = 0; i < scores.length; i++) {
      if (i != truth && (scores[i] > scores[truth] || (scores[i] == scores[truth] && i < truth))) {
        higher++;
      }
    }
    return higher < k;
  }
}
