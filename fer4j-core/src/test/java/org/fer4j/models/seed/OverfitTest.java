package org.fer4j.models.seed;

import org.fer4j.testing.Overfit;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.Map;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.losses.CaiLoss;
import org.fer4j.losses.CenterLoss;
import org.fer4j.losses.ExpressionCenterLoss;
import org.fer4j.losses.JointRegionLoss;
import org.fer4j.losses.LnljLoss;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each seed model, trained with its own loss on one small batch, drives the loss below 10% of its
 * starting value and below 10% of its chance level (every cross-entropy term at ln 7) within a
 * bounded number of Adam steps, so the whole forward/backward path is wired. Inputs are 32x32
 * (4-frame clips for GCSA) to keep the suite fast on two shared cores.
 */
class OverfitTest {
  private static final double TARGET = 0.1;

  @BeforeEach
  void engine() {
    // One intra-op thread: on a shared, oversubscribed machine PyTorch's spinning OpenMP
    // workers make every small op wait for a time slice (up to 100x slower). Only takes
    // effect if this class starts the engine.
    Engines.init(EngineOptions.defaults().withThreads(1));
    Engines.seed(42);
  }

  private static NDArray labels(NDManager m, int n) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 7;
    }
    return m.create(y);
  }

  private static void assertOverfits(String model, List<Float> losses, double chance) {
    float first = losses.get(0);
    float last = losses.get(losses.size() - 1);
    System.out.printf(
        "overfit %s: %d steps, loss %.4f -> %.4f (chance %.3f)%n",
        model, losses.size(), first, last, chance);
    assertThat((double) last)
        .as(model + " final loss vs start " + first)
        .isLessThan(first * TARGET);
    assertThat((double) last)
        .as(model + " final loss vs chance " + chance)
        .isLessThan(chance * TARGET);
  }

  /** Trains until the loss is below 10% of both the start and the chance level. */
  private static List<Float> train(
      Block b, NDManager m, Shape in, Loss loss, float lr, int steps, double chance) {
    NDArray x = m.randomUniform(0, 1, in);
    NDArray y = labels(m, (int) in.get(0));
    return Overfit.run(b, m, x, y, loss, lr, steps, TARGET, chance * TARGET);
  }

  @Test
  void aglfResnet18WithJointRegionLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = ModelRegistry.get("aglf_resnet18").build();
      double chance = 4 * Math.log(7);
      List<Float> losses =
          train(b, m, new Shape(8, 3, 32, 32), JointRegionLoss.of(4), 1e-3f, 80, chance);
      assertOverfits("aglf_resnet18", losses, chance);
    }
  }

  @Test
  void gcsaResnet18WithCaiLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block b =
          ModelRegistry.get("gcsa_resnet18")
              .build(new ModelOptions(7, Map.of("frames", "4", "size", "32")));
      double chance = 1.05 * Math.log(7) + 0.1 * Math.log(2);
      List<Float> losses =
          train(b, m, new Shape(4, 3, 4, 32, 32), CaiLoss.builder().build(), 3e-4f, 80, chance);
      assertOverfits("gcsa_resnet18", losses, chance);
    }
  }

  @Test
  void faerConvnextTinyWithCenterLoss() {
    try (NDManager m = NDManager.newBaseManager();
        CenterLoss center =
            CenterLoss.builder().setManager(m).setNumClasses(7).setFeatureDim(768).build()) {
      Block b = ModelRegistry.get("faer_convnext_tiny").build();
      double chance = Math.log(7);
      List<Float> losses =
          train(
              b, m, new Shape(8, 3, 32, 32), ExpressionCenterLoss.faer(center), 1e-3f, 80, chance);
      assertOverfits("faer_convnext_tiny", losses, chance);
    }
  }

  @Test
  void lnljWithJointLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      // the non-local term trains the non-local head, which is built only with nonlocal_head
      Block b = ModelRegistry.get("lnlj")
          .build(new ModelOptions(7, Map.of("unet_width", "8", "nonlocal_head", "true")));
      Loss loss = LnljLoss.builder().setRegions(4).optNonLocalWeight(0.5).build();
      double chance = 5.5 * Math.log(7);
      List<Float> losses = train(b, m, new Shape(8, 3, 32, 32), loss, 1e-3f, 80, chance);
      assertOverfits("lnlj", losses, chance);
    }
  }
}
