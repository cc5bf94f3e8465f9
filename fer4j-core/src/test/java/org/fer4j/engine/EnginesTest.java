package org.fer4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EnginesTest {

  @Test
  void startsPyTorchOfflineAndReportsIt() {
    EngineInfo info = Engines.init();
    assertThat(info.engineName()).isEqualTo("PyTorch");
    assertThat(info.engineVersion()).startsWith("2.7.1");
    assertThat(info.djlVersion()).isEqualTo("0.35.1");
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(info.intraOpThreads()).isPositive();
  }

  @Test
  void sameSeedGivesSameRandomTensor() {
    Engines.init();
    float[] a;
    float[] b;
    float[] c;
    try (NDManager m = NDManager.newBaseManager()) {
      Engines.seed(7);
      a = m.randomNormal(new ai.djl.ndarray.types.Shape(16)).toFloatArray();
      Engines.seed(7);
      b = m.randomNormal(new ai.djl.ndarray.types.Shape(16)).toFloatArray();
      Engines.seed(8);
      NDArray other = m.randomNormal(new ai.djl.ndarray.types.Shape(16));
      c = other.toFloatArray();
    }
    assertThat(a).containsExactly(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void rejectsNegativeThreads() {
    assertThatThrownBy(() -> new EngineOptions(1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("intraOpThreads");
  }

  @Test
  void setupErrorNamesTheArtifactsAndTheFix() {
    String msg = Engines.explain(new UnsatisfiedLinkError("libtorch.so: cannot open"));
    assertThat(msg)
        .contains("libtorch.so")
        .contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1")
        .contains("pytorch-jni:2.7.1-0.35.1")
        .contains("mvn -B package");
  }
}
