package org.fer4j.data.datasets;

import org.fer4j.data.datasets.labels.FerPlusLabels;

/**
 * The FERPlus label rules over the 10 vote columns of {@code fer2013new.csv} (Barsoum et al.,
 * "Training Deep Networks for Facial Expression Recognition with Crowd-Sourced Label
 * Distribution", arXiv 1608.01041; {@code microsoft/FERPlus:src/ferplus.py},
 * {@code _process_data}).
 * Votes given by a single tagger are first treated as noise and zeroed.
 */
public final class FerPlusVotes {
  /** Unknown and NF are the last two columns. */
  private static final int FIRST_NON_EMOTION = FerPlusLabels.EMOTIONS;

  private FerPlusVotes() {}

  /**
   * The majority rule: the class with the most votes wins if it has more than half of the votes
   * left after removing single votes.
   *
   * @param votes the 10 vote counts in file column order
   * @return the winning column (which may be unknown or NF), or -1 when no column has a majority
   */
  public static int majority(float[] votes) {
    float[] v = dropSingleVotes(votes);
    float sum = 0;
    int best = 0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      if (v[i] > v[best]) {
        best = i; // strict '>' keeps the first of equal maxima, like numpy's argmax
      }
    }
    return v[best] > 0.5f * sum ? best : -1;
  }

  /**
   * The distribution the {@code probability} and {@code crossentropy} modes train on: the top
   * classes (up to three, ties taken together) until they cover 75 % of the votes, stopping at
   * unknown/NF; rejected (null) when they cover half of the votes or less or when more than three
   * classes tie in.
   *
   * @return 10 values summing to 1 in file column order, or null when the row is rejected
   */
  public static float[] distribution(float[] votes) {
    float[] left = dropSingleVotes(votes);
    float sum = 0;
    for (float x : left) {
      sum += x;
    }
    float[] kept = new float[left.length];
    float covered = 0;
    int count = 0;
    boolean valid = true;
    while (covered < 0.75f * sum && count < 3 && valid) {
      float max = 0;
      for (float x : left) {
        max = Math.max(max, x);
      }
      for (int i = 0; i < left.length; i++) {
        if (left[i] != max) {
          continue;
        }
        kept[i] = max;
        left[i] = 0;
        covered += max;
        count++;
        if (i >= FIRST_NON_EMOTION) {
          valid = false;
          if (total(kept) > max) { // other classes came first: do not keep unknown/NF with them
            kept[i] = 0;
            count--;
          }
          break;
        }
      }
    }
    float keptSum = total(kept);
    if (keptSum <= 0.5f * sum || count > 3 || keptSum == 0) {
      return null;
    }
    for (int i = 0; i < kept.length; i++) {
      kept[i] /= keptSum;
    }
    return kept;
  }

  private static float[] dropSingleVotes(float[] votes) {
    float[] v = votes.clone();
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 1.0f + 1e-6f) {
        v[i] = 0;
      }
    }
    return v;
  }

  private static float total(float[] v) {
    float s = 0;
    for (float x : v) {
      s += x;
    }
    return s;
  }
}
