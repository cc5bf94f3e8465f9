package org.fer4j.data.loader;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.ClassBalance;
import org.fer4j.data.synth.Seeds;

/**
 * Class-balanced sampling with replacement, as PyTorch's {@code WeightedRandomSampler} with the
 * per-sample weights of {@link ClassBalance} (DAN, {@code yaoing/DAN}, on AffectNet): every class
 * present is drawn with the same probability, and within a class every sample equally. An epoch
 * has as many draws as there are samples, and the draws depend only on (seed, epoch), so a resumed
 * run sees the same epochs.
 */
public final class ClassBalancedSampler {
  private final double[] cumulative;

  /** @param samples hard-labelled samples (a sample without a hard label is a clear error) */
  public ClassBalancedSampler(List<Sample> samples) {
    int classes = samples.stream().mapToInt(Sample::label).max().orElse(0) + 1;
    double[] weights = ClassBalance.weights(samples, Math.max(classes, 1));
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  /** {@code draws} sample indices for an epoch, drawn with replacement. */
  public int[] order(long seed, int epoch, int draws) {
    int[] out = new int[draws];
    if (cumulative.length == 0) {
      return new int[0];
    }
    double total = cumulative[cumulative.length - 1];
    Random r = new Random(Seeds.mix(seed, epoch, -2));
    for (int k = 0; k < draws; k++) {
      int i = Arrays.binarySearch(cumulative, r.nextDouble() * total);
      // binarySearch gives (-(insertion point) - 1) when the value is not an exact boundary.
      out[k] = Math.min(cumulative.length - 1, i >= 0 ? i + 1 : -i - 1);
    }
    return out;
  }
}
