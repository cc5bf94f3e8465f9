package org.fer4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossesTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static double ce(double[] z, int y) {
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v);
    }
    return -(z[y] - Math.log(sum));
  }

  private static NDArray mat(NDManager m, int rows, float... v) {
    return m.create(v, new Shape(rows, v.length / rows));
  }

  @Test
  void caiCombinesCeAuxiliaryAndIntensityTerms() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = mat(m, 2, 2, 1, 0, 0.5f, 2, 1);
      NDArray aux2 = mat(m, 2, 1, 1, 1, 1, 1, 1);
      NDArray aux3 = mat(m, 2, 5, 0, 0, 0, 0, 5);
      NDArray labels = m.create(new float[] {0, 2});
      double ceMain = (ce(new double[] {2, 1, 0}, 0) + ce(new double[] {0.5, 2, 1}, 2)) / 2;
      // IAL: sample 1 target 2 vs runner-up 1; sample 2 target 1 vs runner-up 2 (class 1).
      double ial = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.exp(1))) / 2;
      double expected = ceMain + 0.05 * Math.log(3) + 0.1 * ial;
      float got =
          CaiLoss.builder()
              .build()
              .evaluate(new NDList(labels), new NDList(logits, aux2, aux3))
              .getFloat();
      assertThat((double) got).isCloseTo(expected, within(1e-5));
      assertThat((double) CaiLoss.intensityAware(logits, labels).getFloat())
          .isCloseTo(ial, within(1e-6));

      // Custom weights: the layer3 head now counts too.
      double ceAux3 = (ce(new double[] {5, 0, 0}, 0) + ce(new double[] {0, 0, 5}, 2)) / 2;
      float custom =
          CaiLoss.builder()
              .optAuxWeights(0.5, 1.0)
              .optIntensityWeight(0)
              .build()
              .evaluate(new NDList(labels), new NDList(logits, aux2, aux3))
              .getFloat();
      assertThat((double) custom).isCloseTo(ceMain + 0.5 * Math.log(3) + ceAux3, within(1e-5));
      assertThatThrownBy(
              () -> CaiLoss.builder().build().evaluate(new NDList(labels), new NDList(logits)))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("gave 0 auxiliary outputs");
    }
  }

  @Test
  void jointRegionAndLnljSumTheRightHeads() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray y = m.create(new float[] {1});
      NDArray fused = mat(m, 1, 0, 3);
      NDArray r1 = mat(m, 1, 1, 0);
      NDArray r2 = mat(m, 1, 0, 2);
      NDArray w = mat(m, 1, 0.5f, 0.5f);
      NDArray nl = mat(m, 1, 2, 2);
      double c1 = ce(new double[] {1, 0}, 1);
      double c2 = ce(new double[] {0, 2}, 1);
      float joint =
          JointRegionLoss.weighted(1, 2)
              .evaluate(new NDList(y), new NDList(fused, r1, r2))
              .getFloat();
      assertThat((double) joint).isCloseTo(c1 + 2 * c2, within(1e-6));
      float lnlj =
          LnljLoss.builder()
              .setRegions(2)
              .optNonLocalWeight(0.5)
              .build()
              .evaluate(new NDList(y), new NDList(fused, r1, r2, w, nl))
              .getFloat();
      double expected = ce(new double[] {0, 3}, 1) + c1 + c2 + 0.5 * Math.log(2);
      assertThat((double) lnlj).isCloseTo(expected, within(1e-6));
      assertThatThrownBy(() -> JointRegionLoss.of(4).evaluate(new NDList(y), new NDList(fused, r1)))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("4 region logits");
    }
  }

  @Test
  void focalBceFollowsThePaperFormulaOnSigmoidOutputs() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = mat(m, 2, 0, 2, -1, 1);
      NDArray q = mat(m, 2, 1, 0, 0, 1);
      double[][] zz = {{0, 2}, {-1, 1}};
      double[][] qq = {{1, 0}, {0, 1}};
      double plain = 0;
      double weighted = 0;
      for (int n = 0; n < 2; n++) {
        for (int a = 0; a < 2; a++) {
          double p = 1 / (1 + Math.exp(-zz[n][a]));
          double pos = Math.pow(1 - p, 2) * qq[n][a] * Math.log(p);
          double neg = Math.pow(p, 2) * (1 - qq[n][a]) * Math.log(1 - p);
          plain += pos + neg;
          weighted += 0.8 * pos + 0.2 * neg;
        }
      }
      float got = FocalBceLoss.builder().build().evaluate(new NDList(q), new NDList(z)).getFloat();
      assertThat((double) got).isCloseTo(-plain / 2, within(1e-6));
      float alpha =
          FocalBceLoss.builder()
              .optAlpha(0.8)
              .build()
              .evaluate(new NDList(q), new NDList(z))
              .getFloat();
      assertThat((double) alpha).isCloseTo(-weighted / 2, within(1e-6));
    }
  }

  @Test
  void labelSmoothingAndSoftLabels() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = mat(m, 1, 2, 1, 0);
      double lse = Math.log(Math.exp(2) + Math.exp(1) + 1);
      double[] logp = {2 - lse, 1 - lse, -lse};
      double smooth = -((0.9 + 0.1 / 3) * logp[0] + 0.1 / 3 * logp[1] + 0.1 / 3 * logp[2]);
      float got =
          LabelSmoothingLoss.smoothing(0.1)
              .evaluate(new NDList(m.create(new float[] {0})), new NDList(z))
              .getFloat();
      assertThat((double) got).isCloseTo(smooth, within(1e-6));
      float soft =
          LabelSmoothingLoss.softLabels()
              .evaluate(new NDList(mat(m, 1, 0.5f, 0.5f, 0)), new NDList(z))
              .getFloat();
      assertThat((double) soft).isCloseTo(-(0.5 * logp[0] + 0.5 * logp[1]), within(1e-6));
      assertThatThrownBy(() -> LabelSmoothingLoss.smoothing(1.0))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("[0, 1)");
    }
  }

  @Test
  void centerLossValueAndWenUpdate() {
    try (NDManager m = NDManager.newBaseManager();
        CenterLoss center =
            CenterLoss.builder().setManager(m).setNumClasses(2).setFeatureDim(2).build()) {
      NDArray f = mat(m, 3, 1, 2, 3, 0, 0, -2);
      NDArray y = m.create(new float[] {0, 0, 1});
      // Centres start at 0: (1 + 4 + 9 + 0 + 0 + 4) / (2 * 3) = 3.
      assertThat(center.loss(f, y).getFloat()).isCloseTo(3f, within(1e-6f));
      center.update(f, y);
      // Class 0: sum(c - x) = (-4, -2) over 1 + 2 -> c = 0.5 * (4/3, 2/3); class 1: (0, 2)/2 -> (0,
      // -0.5).
      assertThat(center.centers().toFloatArray())
          .containsExactly(new float[] {2f / 3, 1f / 3, 0f, -0.5f}, within(1e-6f));
    }
  }

  @Test
  void expressionCenterLossUpdatesCentresOnlyInTrainingSteps() {
    try (NDManager m = NDManager.newBaseManager();
        CenterLoss center =
            CenterLoss.builder().setManager(m).setNumClasses(2).setFeatureDim(2).build()) {
      ExpressionCenterLoss loss = ExpressionCenterLoss.faer(center);
      NDArray logits = mat(m, 1, 1, 0);
      NDArray feature = mat(m, 1, 2, 2);
      NDArray y = m.create(new float[] {0});
      float value = loss.evaluate(new NDList(y), new NDList(logits, feature)).getFloat();
      assertThat((double) value).isCloseTo(ce(new double[] {1, 0}, 0) + 0.01 * 4, within(1e-6));
      assertThat(center.centers().toFloatArray()).containsOnly(0f); // validation: no update

      feature.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        // an activation computed from the leaf, as a model's pooled feature is
        NDArray pooled = feature.mul(1f);
        NDArray l = loss.trainingLoss(new NDList(y), new NDList(logits, pooled));
        gc.backward(l);
      }
      // n_0 = 1: c_0 = 0 - 0.5 * (0 - 2) / 2 = 0.5 per coordinate; the CE part has no feature grad.
      assertThat(center.centers().toFloatArray()).containsExactly(0.5f, 0.5f, 0f, 0f);
      // d(0.01 * ||f - 0||^2 / 2) / df = 0.01 * f at the pre-update centre.
      assertThat(feature.getGradient().toFloatArray())
          .containsExactly(new float[] {0.02f, 0.02f}, within(1e-7f));
    }
  }
}
