package org.fer4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * An optimiser whose state is keyed by stable parameter names (torchvision-style paths), so it
 * can be saved in a checkpoint and restored on resume. DJL's own optimisers key their state by
 * random parameter ids and keep it private, which makes an exact resume impossible.
 *
 * <p>Updates follow PyTorch's {@code torch.optim} semantics exactly (see each subclass), so recipes
 * written for the papers' PyTorch code keep their meaning.
 */
public abstract class FerOptimizer {
  /** Per-parameter state tensors, e.g. "layer1.0.conv1.weight/momentum". */
  protected final Map<String, NDArray> state = new LinkedHashMap<>();

  private final NDManager stateManager;
  private final ToDoubleFunction<String> lrScale;
  private long steps;

  /**
   * @param stateManager owns the state tensors for the optimiser's lifetime
   * @param lrScale learning-rate multiplier per parameter name (e.g. 0.01 for the backbone)
   */
  protected FerOptimizer(NDManager stateManager, ToDoubleFunction<String> lrScale) {
    this.stateManager = stateManager;
    this.lrScale = lrScale;
  }

  /**
   * Applies one update to every parameter that has a gradient, then zeroes the gradients.
   *
   * @param params parameters by stable name
   * @param lr the base learning rate for this step (from the schedule)
   */
  public void step(Map<String, Parameter> params, double lr) {
    steps++;
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray w = e.getValue().getArray();
      if (!e.getValue().requiresGradient() || !w.hasGradient()) {
        continue;
      }
      NDArray grad = w.getGradient();
      try (NDManager tmp = stateManager.newSubManager()) {
        grad.attach(tmp);
        update(e.getKey(), w, grad, lr * lrScale.applyAsDouble(e.getKey()), tmp);
        grad.subi(grad); // PyTorch accumulates gradients; the next step must start from zero
      }
    }
  }

  /** Updates one parameter in place; temporaries go to {@code tmp}. */
  protected abstract void update(String name, NDArray weight, NDArray grad, double lr, NDManager tmp);

  /** Attaches a temporary to the step's manager and returns it. */
  protected static NDArray temp(NDArray a, NDManager tmp) {
    a.attach(tmp);
    return a;
  }

  /** Number of {@link #step} calls so far (restored by {@link #loadState}). */
  public long steps() {
    return steps;
  }

  /** A state tensor, created as zeros like {@code like} on first use. */
  protected NDArray slot(String name, String slot, NDArray like) {
    return state.computeIfAbsent(
        name + "/" + slot,
        k -> {
          NDArray z = stateManager.zeros(like.getShape(), like.getDataType(), like.getDevice());
          z.setName(k);
          return z;
        });
  }

  /** Every state tensor by name (live arrays: write them out, do not close them). */
  public Map<String, NDArray> stateArrays() {
    return java.util.Collections.unmodifiableMap(state);
  }

  /** Every state tensor copied to Java arrays. */
  public Map<String, float[]> exportState() {
    Map<String, float[]> out = new LinkedHashMap<>();
    state.forEach((k, v) -> out.put(k, v.toFloatArray()));
    return out;
  }

  /**
   * Restores saved state tensors (named as {@link #stateArrays}) and the step count; shapes come
   * from the live parameters.
   */
  public void loadState(Map<String, float[]> saved, long savedSteps, Map<String, Parameter> params) {
    state.values().forEach(NDArray::close);
    state.clear();
    steps = savedSteps;
    for (Map.Entry<String, float[]> e : saved.entrySet()) {
      String param = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
      Parameter p = params.get(param);
      if (p == null) {
        throw org.fer4j.FerException.badInput(
            "optimizer state names parameter '" + param + "' which the model does not have");
      }
      NDArray a = stateManager.create(e.getValue(), p.getArray().getShape());
      a.setName(e.getKey());
      state.put(e.getKey(), a);
    }
  }
}
