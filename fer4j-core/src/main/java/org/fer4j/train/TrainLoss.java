package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Map;

/**
 * Maps a model's outputs (main logits first, then auxiliary outputs) and the batch's labels to a
 * scalar loss. Multi-output models (GCSA's aux logits, AGLF's region logits, FAER's pooled
 * feature for the center loss) train through the same loop because the loss, not the loop,
 * knows what each output means.
 *
 * <p>A loss may carry state that training moves but the optimiser does not own (FAER's class
 * centres): {@link #state} exposes it for checkpoints and {@link #loadState} restores it, so a
 * resumed run continues exactly.
 */
@FunctionalInterface
public interface TrainLoss {
  /** Prefix of a loss's state tensors in a checkpoint's optimiser-state file. */
  String STATE_PREFIX = "loss/";

  /**
   * @param outputs the model's forward outputs
   * @param labels int64 hard labels (N)
   * @param targets soft targets (N, K) or null
   * @return a scalar
   */
  NDArray compute(NDList outputs, NDArray labels, NDArray targets);

  /** State tensors by name, each starting with {@link #STATE_PREFIX} (live arrays: do not close). */
  default Map<String, NDArray> state() {
    return Map.of();
  }

  /** Restores what {@link #state} gave, by the same names. */
  default void loadState(Map<String, float[]> saved) {}
}
