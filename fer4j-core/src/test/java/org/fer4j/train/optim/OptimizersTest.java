package org.fer4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Map;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expected values are torch.optim's update rules worked out by hand for a constant gradient. */
class OptimizersTest {

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static Parameter param(NDManager m, float value) {
    Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    NDArray a = m.create(new float[] {value});
    a.setRequiresGradient(true);
    p.setArray(a);
    return p;
  }

  /** One backward pass of loss = 0.5 * w, so the gradient is 0.5. */
  private static void backward(Parameter p) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(p.getArray().mul(0.5f).sum());
    }
  }

  private static float run(FerOptimizer opt, Parameter p, int steps, double lr) {
    for (int i = 0; i < steps; i++) {
      backward(p);
      opt.step(Map.of("w", p), lr);
    }
    return p.getArray().getFloat(0);
  }

  @Test
  void sgdMomentumWithWeightDecay() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 1f);
      Sgd sgd = new Sgd(m, n -> 1.0, 0.9, 0.01, false);
      // step 1: g = 0.5 + 0.01 = 0.51, buf = 0.51, w = 1 - 0.051 = 0.949
      assertThat(run(sgd, p, 1, 0.1)).isCloseTo(0.949f, within(1e-6f));
      // step 2: g = 0.5 + 0.00949, buf = 0.9*0.51 + 0.50949 = 0.96849, w = 0.949 - 0.096849
      assertThat(run(sgd, p, 1, 0.1)).isCloseTo(0.852151f, within(1e-6f));
    }
  }

  @Test
  void sgdNesterovAndLearningRateScale() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 1f);
      Sgd sgd = new Sgd(m, n -> 0.5, 0.9, 0, true);
      // g = 0.5, buf = 0.5, step = g + 0.9*buf = 0.95, lr = 0.1*0.5: w = 1 - 0.0475
      assertThat(run(sgd, p, 1, 0.1)).isCloseTo(0.9525f, within(1e-6f));
    }
  }

  @Test
  void adamWFirstStepMovesByTheLearningRate() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 1f);
      AdamW adam = new AdamW(m, n -> 1.0, 0.01);
      // w = 1*(1 - 0.1*0.01) = 0.999; m_hat = 0.5, v_hat = 0.25: w -= 0.1 * 0.5/0.5
      assertThat(run(adam, p, 1, 0.1)).isCloseTo(0.899f, within(1e-6f));
      // step 2: w = 0.899*0.999; m = 0.095, v = 0.00049975; m_hat = 0.5, v_hat = 0.25 again
      assertThat(run(adam, p, 1, 0.1)).isCloseTo((float) (0.899 * 0.999 - 0.1), within(1e-6f));
    }
  }

  @Test
  void exportedStateResumesToTheSameTrajectory() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter a = param(m, 1f);
      Sgd straight = new Sgd(m, n -> 1.0, 0.9, 0.01, false);
      float expected = run(straight, a, 3, 0.1);

      Parameter b = param(m, 1f);
      Sgd first = new Sgd(m, n -> 1.0, 0.9, 0.01, false);
      run(first, b, 2, 0.1);
      Map<String, float[]> saved = first.exportState();
      Sgd resumed = new Sgd(m, n -> 1.0, 0.9, 0.01, false);
      resumed.loadState(saved, first.steps(), Map.of("w", b));
      assertThat(resumed.steps()).isEqualTo(2);
      assertThat(run(resumed, b, 1, 0.1)).isEqualTo(expected);
    }
  }

  @Test
  void clippingScalesToTheMaximumNorm() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter p = param(m, 1f);
      backward(p);
      double norm = GradientClipping.clipGlobalNorm(java.util.List.of(p), 0.1);
      assertThat(norm).isCloseTo(0.5, within(1e-7));
      assertThat(p.getArray().getGradient().getFloat(0)).isCloseTo(0.1f, within(1e-6f));
    }
  }
}
