package org.fer4j.data.datasets;

import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.Sample;

/**
 * Per-sample weights for class-balanced sampling of an imbalanced training set (AffectNet; DAN,
 * {@code yaoing/DAN}, samples with a weighted random sampler). A sample of class c gets weight
 * {@code N / (K * count_c)}, so each of the K present classes carries the same total weight and
 * the weights sum to N: drawing N samples with these weights gives each class N/K draws on
 * average.
 */
public final class ClassBalance {
  private ClassBalance() {}

  /**
   * @param samples hard-labelled samples (label in {@code [0, classes)})
   * @param classes size of the label space
   * @return one weight per sample, in the same order
   */
  public static double[] weights(List<Sample> samples, int classes) {
    int[] counts = new int[classes];
    for (Sample s : samples) {
      if (s.label() < 0 || s.label() >= classes) {
        throw FerException.badInput("class-balanced sampling needs hard labels in 0.."
            + (classes - 1)
            + "; sample " + s.id() + " has label " + s.label());
      }
      counts[s.label()]++;
    }
    int present = 0;
    for (int c : counts) {
      present += c > 0 ? 1 : 0;
    }
    double[] weights = new double[samples.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (double) samples.size() / (present * (double) counts[samples.get(i).label()]);
    }
    return weights;
  }
}
