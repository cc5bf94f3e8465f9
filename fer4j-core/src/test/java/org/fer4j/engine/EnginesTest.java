package org.fer4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.fer4j.Fer4j;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class EnginesTest {

  @Test
  void startsPyTorchOfflineAndReportsIt() {
    EngineInfo info = Engines.init();
    assertThat(info.engineName()).isEqualTo("PyTorch");
    // The versions the build selected (default, or the torch25/cuda profile) are the ones loaded.
    assertThat(info.engineVersion()).startsWith(Fer4j.buildProperty("pytorch"));
    assertThat(info.djlVersion()).isEqualTo(Fer4j.buildProperty("djl"));
    assertThat(info.device()).isEqualTo("cpu()");
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
        .contains("ai.djl.pytorch:pytorch-native-cpu:" + Fer4j.buildProperty("pytorch"))
        .contains("pytorch-jni:" + Fer4j.buildProperty("pytorch") + "-" + Fer4j.buildProperty("djl"))
        .contains("mvn -B package")
        .contains("-Pcuda");
  }

  @Test
  void cudaWithoutAGpuIsOneClearLineAndTheEngineStaysOnTheCpu() {
    Engines.init();
    Assumptions.assumeTrue(Engine.getEngine(Engines.ENGINE).getGpuCount() == 0, "a GPU is visible here");
    assertThatThrownBy(() -> Engines.init(EngineOptions.defaults().withDevice(ComputeDevice.CUDA)))
        .isInstanceOf(EngineSetupException.class)
        .hasMessageStartingWith("--device cuda: no CUDA device is visible to PyTorch (this build has PyTorch "
            + Fer4j.buildProperty("pytorch"))
        .hasMessageEndingWith("build with -Pcuda on a machine with an NVIDIA driver")
        .hasMessageNotContaining("\n");
    EngineInfo after = Engines.init(EngineOptions.defaults().withDevice(ComputeDevice.CPU));
    assertThat(after.device()).isEqualTo("cpu()");
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(m.getDevice()).isEqualTo(Device.cpu());
    }
  }

  @Test
  void deviceNamesIncludeTheGpuAliasAndRejectOthers() {
    assertThat(ComputeDevice.parse("cpu")).isEqualTo(ComputeDevice.CPU);
    assertThat(ComputeDevice.parse("CUDA")).isEqualTo(ComputeDevice.CUDA);
    assertThat(ComputeDevice.parse("gpu")).isEqualTo(ComputeDevice.CUDA);
    assertThatThrownBy(() -> ComputeDevice.parse("tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("device must be cpu, cuda or gpu, was 'tpu'");
  }
}
