package org.fer4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Collection;

/** Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when their global L2 norm exceeds
   * {@code maxNorm}; returns the norm before clipping (NaN or infinite when the loss diverged).
   */
  public static double clipGlobalNorm(Collection<Parameter> params, double maxNorm) {
    double sq = 0;
    for (Parameter p : params) {
      NDArray w = p.getArray();
      if (w.hasGradient()) {
        // Every temporary goes into a scoped manager: g.square() would otherwise stay attached to
        // the model's manager for the whole run (one gradient-sized array per parameter per step).
        try (ai.djl.ndarray.NDManager tmp = w.getManager().newSubManager()) {
          NDArray g = w.getGradient();
          g.attach(tmp);
          // summed in the gradient's own type (float64 models are checked against PyTorch)
          sq += g.square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
      }
    }
    double norm = Math.sqrt(sq);
    if (maxNorm > 0 && norm > maxNorm) {
      double scale = maxNorm / (norm + 1e-6);
      for (Parameter p : params) {
        NDArray w = p.getArray();
        if (w.hasGradient()) {
          try (ai.djl.ndarray.NDManager tmp = w.getManager().newSubManager()) {
            NDArray g = w.getGradient();
            g.attach(tmp);
            g.muli(scale);
          }
        }
      }
    }
    return norm;
  }
}
