package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.losses.CaiLoss;
import org.fer4j.losses.CrossEntropy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;

/** The config's labelSmoothing reaches every hard-label cross-entropy term of every loss. */
class LabelSmoothingWiringTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static TrainConfig config(String loss, double eps) {
    return TrainConfigs.load(Path.of("..", "recipes", "aglf-synth.json"),
        List.of("loss.type=" + loss, "labelSmoothing=" + eps, "numClasses=3"));
  }

  private static double value(NDArray a) {
    return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
  }

  @Test
  void everyCrossEntropyTermIsSmoothed() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = m.create(new float[] {2f, -1f, 0.5f, 0f, 1f, 3f}, new ai.djl.ndarray.types.Shape(2, 3));
      NDArray a = m.create(new float[] {1f, 0f, 0f, 0f, 0f, 1f}, new ai.djl.ndarray.types.Shape(2, 3));
      NDArray b = m.create(new float[] {0f, 2f, 1f, -1f, 1f, 0f}, new ai.djl.ndarray.types.Shape(2, 3));
      NDArray y = m.create(new long[] {0, 2});
      double eps = 0.2;
      double sz = value(CrossEntropy.smoothed(z, y, eps));
      double sa = value(CrossEntropy.smoothed(a, y, eps));
      double sb = value(CrossEntropy.smoothed(b, y, eps));
      assertThat(sz).isNotCloseTo(value(CrossEntropy.mean(z, y)), within(1e-3));

      double ce = value(TrainParts.loss(config("ce", eps), m, 4, 2).compute(new NDList(z), y, null));
      assertThat(ce).isCloseTo(sz, within(1e-6));
      // joint_region: [fused, region 1, region 2], equal weights, fused not trained.
      double joint = value(TrainParts.loss(config("joint_region", eps), m, 4, 2).compute(new NDList(z, a, b), y, null));
      assertThat(joint).isCloseTo(sa + sb, within(1e-6));
      // cai: CE(z) + 0.05 CE(aux) + 0.1 IAL(z), the intensity-aware term unsmoothed.
      double ial = value(CaiLoss.intensityAware(z, y));
      double cai = value(TrainParts.loss(config("cai", eps), m, 4, 2).compute(new NDList(z, a), y, null));
      assertThat(cai).isCloseTo(sz + 0.05 * sa + 0.1 * ial, within(1e-6));
      // lnlj: CE(fused) + CE(region 1) + CE(region 2).
      double lnlj = value(TrainParts.loss(config("lnlj", eps), m, 4, 2).compute(new NDList(z, a, b), y, null));
      assertThat(lnlj).isCloseTo(sz + sa + sb, within(1e-6));
    }
  }

  @Test
  void attributesRejectSmoothing() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> TrainParts.loss(config("faer_attributes", 0.1), m, 4, 2))
          .isInstanceOf(FerException.class).hasMessageContaining("does not apply to loss 'faer_attributes'");
    }
  }
}
