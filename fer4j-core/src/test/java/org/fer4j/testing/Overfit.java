package org.fer4j.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** Trains a block on one fixed batch with Adam and returns the loss per step. */
public final class Overfit {
  private Overfit() {}

  /**
   * Runs up to {@code maxSteps} steps and stops early once the loss is below {@code stopRatio} of
   * the first one and below {@code stopBelow}. Step arrays live in a per-step sub-manager.
   */
  public static List<Float> run(
      Block block,
      NDManager m,
      NDArray x,
      NDArray y,
      Loss loss,
      float lr,
      int maxSteps,
      double stopRatio,
      double stopBelow) {
    block.initialize(m, DataType.FLOAT32, x.getShape());
    return steps(block, m, x, y, loss, lr, maxSteps, stopRatio, stopBelow);
  }

  /** {@link #run} for a block already initialised (or holding pretrained weights). */
  public static List<Float> steps(
      Block block,
      NDManager m,
      NDArray x,
      NDArray y,
      Loss loss,
      float lr,
      int maxSteps,
      double stopRatio,
      double stopBelow) {
    ParameterStore ps = new ParameterStore(m, false);
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build();
    List<Float> losses = new ArrayList<>();
    for (int step = 0; step < maxSteps; step++) {
      try (NDManager stepManager = m.newSubManager()) {
        float value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDList preds = block.forward(ps, new NDList(x), true);
          NDArray l = loss.evaluate(new NDList(y), preds);
          value = l.getFloat();
          gc.backward(l);
          preds.forEach(a -> a.tempAttach(stepManager));
          l.tempAttach(stepManager);
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
          NDArray w = p.getValue().getArray();
          if (p.getValue().requiresGradient() && w.hasGradient()) {
            NDArray g = w.getGradient();
            adam.update(p.getValue().getId(), w, g);
            g.muli(0);
            g.tempAttach(stepManager);
          }
        }
        losses.add(value);
        if (value < losses.get(0) * stopRatio && value < stopBelow) {
          break;
        }
      }
    }
    return losses;
  }
}
