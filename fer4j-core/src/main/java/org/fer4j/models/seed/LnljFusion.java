package org.fer4j.models.seed;

import java.util.Locale;

/**
 * How LNLJ's ({@link Lnlj}) local and non-local parts are combined: the three readings of the abstract's
 * "weights fed into the local part" (docs/methods.md#lnlj-fusion) and the ablations.
 */
public enum LnljFusion {
  /** The weights scale the local features before one classifier: {@code fc(sum_k w_k f_k)}. */
  FEATURES,
  /** The weights mix the region logits: {@code sum_k w_k z_k}, with gradient into both. */
  LOGITS,
  /**
   * The weights act in the loss ({@code sum_k w_k CE(z_k)}, {@link org.fer4j.losses.LnljLoss});
   * the decision is {@code log sum_k w_k softmax(z_k)}.
   */
  LOSSES,
  /** No non-local network; every region weighs 1/K (feature fusion). */
  UNIFORM,
  /** Decision-level mixture of the region predictions; no gradient into the local part. */
  LATE,
  /** The non-local network's own classifier; no local part. */
  NONLOCAL_ONLY;

  /** The option value: {@code features}, {@code logits}, {@code losses}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the fused output goes through the feature classifier {@code fc}. */
  boolean featureClassifier() {
    return this == FEATURES || this == UNIFORM;
  }
}
