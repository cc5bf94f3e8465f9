package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.train.optim.FerOptimizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.fer4j.run.TrainConfig;

/**
 * The trajectory comparison must fail when one training rule differs from PyTorch's: here AdamW's
 * weight decay applied as L2 (added to the gradient, as Adam with weight_decay does) and a
 * warm-up one epoch too long, each planted into fer4j's side of the AGLF AdamW case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedBugTest {
  private static final String CASE = "aglf_joint_adamw";
  private Path out;

  @BeforeAll
  void runReference() throws IOException {
    out = TrajectoryParityTest.export(List.of(CASE));
  }

  @AfterAll
  void cleanUp() throws IOException {
    TrajectoryParityTest.delete(out);
  }

  @Test
  void weightDecayAppliedAsL2IsCaught() throws IOException {
    Assumptions.assumeTrue(out != null, "no torch and FER4J_REQUIRE_PARITY unset");
    TrajectoryCase c = new TrajectoryCase(out.resolve(CASE));
    double wd = c.config.optimizer().weightDecay();
    TrajectoryComparison.Result r = TrajectoryComparison.compare(c,
        c.run(new TrajectoryCase.Overrides(m -> new AdamWithL2(m, wd), null)));
    System.out.println("planted L2 decay: " + r.summary(CASE));
    // the first update differs, so the loss of step 2 already does
    assertThat(r.failures()).anyMatch(f -> f.startsWith("loss at step 2:"));
  }

  @Test
  void warmUpOneEpochTooLongIsCaught() throws IOException {
    Assumptions.assumeTrue(out != null, "no torch and FER4J_REQUIRE_PARITY unset");
    TrajectoryCase c = new TrajectoryCase(out.resolve(CASE));
    TrainConfig.ScheduleConfig s = c.config.schedule();
    LearningRateSchedule late = LearningRateSchedule.of(new TrainConfig.ScheduleConfig(
        s.type(), s.stepSize(), s.gamma(), s.warmupEpochs() + 1, s.minLr()),
        c.config.optimizer().lr(), c.config.epochs());
    TrajectoryComparison.Result r =
        TrajectoryComparison.compare(c, c.run(new TrajectoryCase.Overrides(null, late)));
    System.out.println("planted warm-up: " + r.summary(CASE));
    int firstStepAfterWarmUp = s.warmupEpochs() * TrajectoryCase.STEPS_PER_EPOCH + 1;
    assertThat(r.failures()).anyMatch(f -> f.startsWith("lr at step " + firstStepAfterWarmUp + ":"));
  }

  /** Adam with L2 weight decay ({@code g += wd * w}): the rule AdamW exists to replace. */
  private static final class AdamWithL2 extends FerOptimizer {
    private final double wd;

    AdamWithL2(NDManager manager, double wd) {
      super(manager, n -> 1);
      this.wd = wd;
    }

    @Override
    protected void update(String name, NDArray w, NDArray grad, double lr, NDManager tmp) {
      NDArray g = temp(grad.add(temp(w.mul(wd), tmp)), tmp);
      NDArray m = slot(name, "exp_avg", w);
      NDArray v = slot(name, "exp_avg_sq", w);
      m.muli(0.9).addi(temp(g.mul(0.1), tmp));
      v.muli(0.999).addi(temp(g.square(), tmp).muli(0.001));
      long t = steps();
      NDArray denom = temp(temp(v.div(1 - Math.pow(0.999, t)), tmp).sqrt(), tmp).addi(1e-8);
      w.subi(temp(m.div(denom), tmp).muli(lr / (1 - Math.pow(0.9, t))));
    }
  }
}
