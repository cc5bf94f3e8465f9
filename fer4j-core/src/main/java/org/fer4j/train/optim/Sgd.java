package org.fer4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.ToDoubleFunction;

/**
 * SGD with momentum, Nesterov option and L2 weight decay, exactly as {@code torch.optim.SGD}
 * (dampening 0): {@code g = grad + wd*w; buf = m*buf + g; g = nesterov ? g + m*buf : buf;
 * w -= lr*g}. On the first step the buffer is {@code g} itself, which the zero-initialised buffer
 * gives too.
 */
public final class Sgd extends FerOptimizer {
  private final double momentum;
  private final double weightDecay;
  private final boolean nesterov;

  public Sgd(NDManager stateManager, ToDoubleFunction<String> lrScale, double momentum,
      double weightDecay, boolean nesterov) {
    super(stateManager, lrScale);
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  @Override
  protected void update(String name, NDArray w, NDArray grad, double lr, NDManager tmp) {
    // Every temporary is attached to tmp: results of ops on w or buf would otherwise live in the
    // model's or the optimiser's manager until the run ends.
    NDArray g = temp(grad.duplicate(), tmp);
    if (weightDecay != 0) {
      g.addi(temp(w.mul(weightDecay), tmp));
    }
    if (momentum != 0) {
      NDArray buf = slot(name, "momentum", w);
      buf.muli(momentum).addi(g);
      if (nesterov) {
        g.addi(temp(buf.mul(momentum), tmp));
      } else {
        g = temp(buf.duplicate(), tmp);
      }
    }
    w.subi(g.muli(lr));
  }
}
