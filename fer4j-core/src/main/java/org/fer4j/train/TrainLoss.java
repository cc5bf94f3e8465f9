package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Maps a model's outputs (main logits first, then auxiliary outputs) and the batch's labels to a
 * scalar loss. Multi-output models (GCSA's aux logits, AGLF's region logits, FAER's pooled
 * feature for the center loss) train through the same loop because the loss, not the loop,
 * knows what each output means.
 */
@FunctionalInterface
public interface TrainLoss {
  /**
   * @param outputs the model's forward outputs
   * @param labels int64 hard labels (N)
   * @param targets soft targets (N, K) or null
   * @return a scalar
   */
  NDArray compute(NDList outputs, NDArray labels, NDArray targets);
}
