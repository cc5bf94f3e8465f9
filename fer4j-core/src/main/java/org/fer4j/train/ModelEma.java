package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;

/**
 * Exponential moving average of a model's weights: after every optimiser step {@code shadow =
 * decay * shadow + (1 - decay) * weight}, for every parameter and BatchNorm running statistic, as
 * timm's {@code ModelEmaV2} ({@code huggingface/pytorch-image-models:timm/utils/model_ema.py})
 * averages the whole state dict. The shadow starts as a copy of the weights.
 *
 * <p>{@link #swapIn()} puts the shadow into the model (validation, checkpoints) and keeps the
 * training weights aside; {@link #swapOut()} puts them back. While swapped in, {@link
 * #trainingWeights()} gives the training weights so a checkpoint can hold both and a resumed run
 * continues exactly.
 */
public final class ModelEma {
  /** Prefix of the training weights' names in the optimiser-state file. */
  public static final String TRAINING_PREFIX = "training_weights/";

  private final Map<String, Parameter> params;
  private final Map<String, NDArray> shadow = new LinkedHashMap<>();
  private final Map<String, NDArray> stash = new LinkedHashMap<>();
  private final NDManager manager;
  private final double decay;
  private boolean swapped;

  /**
   * @param params every parameter by stable name (trainable ones and running statistics)
   * @param decay in (0, 1)
   * @param manager owns the shadow and stash arrays
   */
  public ModelEma(Map<String, Parameter> params, double decay, NDManager manager) {
    if (!(decay > 0 && decay < 1)) {
      throw FerException.badInput("training config field 'emaDecay' must be in (0,1) for EMA, was " + decay);
    }
    this.params = params;
    this.decay = decay;
    this.manager = manager;
    params.forEach((name, p) -> shadow.put(name, copyOf(p.getArray())));
  }

  /** One EMA step; call after each optimiser step (outside any gradient recording). */
  public void update() {
    try (NDManager tmp = manager.newSubManager()) {
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        NDArray w = e.getValue().getArray();
        NDArray scaled = w.mul(1 - decay);
        scaled.attach(tmp);
        shadow.get(e.getKey()).muli(decay).addi(scaled);
      }
    }
  }

  /** The averaged weights by name (live arrays; do not close). */
  public Map<String, NDArray> shadow() {
    return java.util.Collections.unmodifiableMap(shadow);
  }

  /** Puts the averaged weights into the model, keeping the training weights aside. */
  public void swapIn() {
    if (swapped) {
      return;
    }
    params.forEach((name, p) -> {
      NDArray w = p.getArray();
      stash.computeIfAbsent(name, k -> copyOf(w)).set(new NDIndex("..."), w);
      w.set(new NDIndex("..."), shadow.get(name));
    });
    swapped = true;
  }

  /** Puts the training weights back. */
  public void swapOut() {
    if (!swapped) {
      return;
    }
    params.forEach((name, p) -> p.getArray().set(new NDIndex("..."), stash.get(name)));
    swapped = false;
  }

  /** The training weights under {@link #TRAINING_PREFIX}{@code name}; only while swapped in. */
  public Map<String, NDArray> trainingWeights() {
    if (!swapped) {
      throw new IllegalStateException("training weights are set aside only while the EMA is swapped in");
    }
    Map<String, NDArray> out = new LinkedHashMap<>();
    stash.forEach((k, v) -> out.put(TRAINING_PREFIX + k, v));
    return out;
  }

  /**
   * Resume: the model holds the checkpoint's averaged weights; they become the shadow, and the
   * saved training weights go into the model.
   *
   * @param training saved arrays named {@link #TRAINING_PREFIX}{@code name}
   */
  public void restore(Map<String, float[]> training) {
    params.forEach((name, p) -> {
      NDArray w = p.getArray();
      shadow.get(name).set(new NDIndex("..."), w);
      float[] saved = training.get(TRAINING_PREFIX + name);
      if (saved == null) {
        throw FerException.badInput("the checkpoint has no training weights for '" + name
            + "' (written without EMA?); resume needs the run's own emaDecay");
      }
      w.set(saved);
    });
    swapped = false;
  }

  private NDArray copyOf(NDArray a) {
    NDArray c = a.duplicate();
    c.attach(manager);
    return c;
  }
}
