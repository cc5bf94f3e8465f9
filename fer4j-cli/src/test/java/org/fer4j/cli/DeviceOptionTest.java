package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --device} on train, eval, predict and serve, on a machine without a GPU. */
class DeviceOptionTest {
  private static final String NO_GPU = "error: --device cuda: no CUDA device is visible to PyTorch (";

  @BeforeAll
  static void noGpuHere() {
    Engines.init();
    Assumptions.assumeTrue(Engine.getEngine(Engines.ENGINE).getGpuCount() == 0, "a GPU is visible here");
  }

  private static void refusedInOneLine(String... args) {
    Object[] r = CliTest.run(args);
    String err = (String) r[2];
    assertThat(r[0]).as(String.join(" ", args)).isEqualTo(FerException.Kind.ENVIRONMENT.exitCode());
    assertThat(err).startsWith(NO_GPU).contains("build with -Pcuda on a machine with an NVIDIA driver");
    assertThat(err.strip().lines()).as("one line, no stack trace").hasSize(1);
  }

  @Test
  void trainAndEvalRefuseCudaBeforeReadingAnything() {
    refusedInOneLine("train", "--device", "cuda", "--recipe", "no-such-recipe");
    refusedInOneLine("eval", "--device", "gpu", "--run", "no-such-run");
  }

  @Test
  void predictAndServeRefuseCuda() {
    Assumptions.assumeTrue(Files.isDirectory(FaceApiPackage.weightsDir(FaceApiPackage.cacheRoot(null))),
        "face-api weights not in the cache; run ./fer models pull");
    refusedInOneLine("predict", "--device", "cuda", "no-such-photo.jpg");
    refusedInOneLine("serve", "--device", "gpu", "--port", "0");
  }

  @Test
  void cpuIsTheDefaultAndABadNameIsAUsageError() {
    Object[] version = CliTest.run("version", "--device", "cpu");
    assertThat(version[0]).isEqualTo(0);
    assertThat((String) version[1]).contains("cpu()");
    Object[] bad = CliTest.run("predict", "--device", "tpu", "x.jpg");
    assertThat(bad[0]).isEqualTo(2);
    assertThat(List.of(((String) bad[2]).split("\n")).get(0))
        .contains("--device").contains("device must be cpu, cuda or gpu, was 'tpu'");
  }
}
