package org.fer4j.run;

/**
 * The commit point of a run: which checkpoint files belong to the last finished epoch, and the
 * best validation value so far. {@code state.json} is replaced atomically after the files it names
 * are complete, so after a crash it always names a consistent pair.
 *
 * @param epochsDone finished epochs (resume starts at this 0-based epoch)
 * @param weights file name (in checkpoints/) of the model weights after that epoch
 * @param optimizer file name of the optimiser state after that epoch
 * @param bestMetric name of the selection metric
 * @param bestValue best validation value so far (NaN before any validation)
 * @param bestEpoch 1-based epoch of {@code best.safetensors}, 0 if none
 */
public record RunState(
    int epochsDone, String weights, String optimizer, String bestMetric, double bestValue, int bestEpoch) {}
