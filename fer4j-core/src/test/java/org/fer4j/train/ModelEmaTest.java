package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelEmaTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static Parameter param(NDManager m, String name, float... values) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    p.setArray(m.create(values));
    return p;
  }

  @Test
  void averagesSwapsAndRestoresByHand() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("w", param(m, "w", 1f, -2f));
      params.put("bn.running_mean", param(m, "rm", 10f));
      ModelEma ema = new ModelEma(params, 0.9, m);
      params.get("w").getArray().set(new float[] {3f, 0f});
      params.get("bn.running_mean").getArray().set(new float[] {0f});
      ema.update(); // 0.9*1 + 0.1*3 = 1.2; 0.9*-2 + 0.1*0 = -1.8; 0.9*10 = 9
      params.get("w").getArray().set(new float[] {5f, 2f});
      ema.update(); // 0.9*1.2 + 0.1*5 = 1.58; 0.9*-1.8 + 0.1*2 = -1.42
      float[] w = ema.shadow().get("w").toFloatArray();
      assertThat((double) w[0]).isCloseTo(1.58, within(1e-6));
      assertThat((double) w[1]).isCloseTo(-1.42, within(1e-6));
      assertThat((double) ema.shadow().get("bn.running_mean").toFloatArray()[0]).isCloseTo(8.1, within(1e-5));

      ema.swapIn(); // the model now holds the average, the training weights are set aside
      assertThat(params.get("w").getArray().toFloatArray()).containsExactly(w);
      assertThat(ema.trainingWeights().get(ModelEma.TRAINING_PREFIX + "w").toFloatArray()).containsExactly(5f, 2f);
      ema.swapOut();
      assertThat(params.get("w").getArray().toFloatArray()).containsExactly(5f, 2f);
      assertThatThrownBy(ema::trainingWeights).isInstanceOf(IllegalStateException.class);

      // Resume: the model holds the checkpoint's average; the saved training weights go back in.
      params.get("w").getArray().set(new float[] {7f, 8f});
      ema.restore(Map.of(ModelEma.TRAINING_PREFIX + "w", new float[] {4f, 4f},
          ModelEma.TRAINING_PREFIX + "bn.running_mean", new float[] {1f}));
      assertThat(ema.shadow().get("w").toFloatArray()).containsExactly(7f, 8f);
      assertThat(params.get("w").getArray().toFloatArray()).containsExactly(4f, 4f);
      assertThatThrownBy(() -> ema.restore(Map.of()))
          .isInstanceOf(FerException.class).hasMessageContaining("no training weights for 'w'");
    }
  }

  @Test
  void decayOutsideTheOpenIntervalIsRejected() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> new ModelEma(Map.of(), 1.0, m)).hasMessageContaining("emaDecay");
    }
  }
}
