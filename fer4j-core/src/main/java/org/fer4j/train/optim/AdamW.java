package org.fer4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.ToDoubleFunction;

/**
 * AdamW (Loshchilov and Hutter, https://arxiv.org/abs/1711.05101) exactly as
 * {@code torch.optim.AdamW}: {@code w *= 1 - lr*wd; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
 * w -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)}.
 */
public final class AdamW extends FerOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;

  public AdamW(NDManager stateManager, ToDoubleFunction<String> lrScale, double weightDecay) {
    this(stateManager, lrScale, 0.9, 0.999, 1e-8, weightDecay);
  }

  public AdamW(NDManager stateManager, ToDoubleFunction<String> lrScale, double beta1,
      double beta2, double eps, double weightDecay) {
    super(stateManager, lrScale);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  @Override
  protected void update(String name, NDArray w, NDArray g, double lr, NDManager tmp) {
    long t = steps();
    if (weightDecay != 0) {
      w.muli(1 - lr * weightDecay);
    }
    NDArray m = slot(name, "exp_avg", w);
    NDArray v = slot(name, "exp_avg_sq", w);
    // g lives in tmp, so g.mul/g.square results do too; results of ops on m and v are
    // attached to tmp explicitly, or they would accumulate in the optimiser's manager.
    m.muli(beta1).addi(g.mul(1 - beta1));
    v.muli(beta2).addi(g.square().muli(1 - beta2));
    double bias1 = 1 - Math.pow(beta1, t);
    double bias2 = 1 - Math.pow(beta2, t);
    NDArray denom = temp(v.div(bias2), tmp);
    denom = temp(denom.sqrt(), tmp).addi(eps);
    w.subi(temp(m.div(denom), tmp).muli(lr / bias1));
  }
}
