package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.NDList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.models.ParameterNames;
import org.fer4j.train.optim.Sgd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.RunState;
import org.fer4j.run.RunDirectory;

class RunDirectoryTest {
  @TempDir Path root;

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static Block linear(NDManager m, int seed) {
    Block b = Linear.builder().setUnits(3).build();
    Engines.seed(seed);
    b.initialize(m, DataType.FLOAT32, new Shape(1, 4));
    return b;
  }

  private static void trainStep(NDManager m, Block b, Sgd opt) {
    try (NDManager s = m.newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = b.forward(new ParameterStore(s, false), new NDList(s.ones(new Shape(2, 4))), true);
        gc.backward(out.get(0).sum());
      }
      opt.step(ParameterNames.torchNames(b), 0.1);
    }
  }

  @Test
  void savesEpochsAtomicallyKeepsBestAndRestoresExactly() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      RunWriter run = RunWriter.create(root, "toy");
      Block b = linear(m, 1);
      Map<String, Parameter> params = ParameterNames.torchNames(b);
      Sgd opt = new Sgd(m, n -> 1, 0.9, 0, false);
      trainStep(m, b, opt);
      RunState s1 = run.saveEpoch(b, opt, 1, null, "war", 0.5, true, Map.of("model", "toy"));
      trainStep(m, b, opt);
      RunState s2 = run.saveEpoch(b, opt, 2, s1, "war", 0.4, false, Map.of("model", "toy"));

      assertThat(s2.epochsDone()).isEqualTo(2);
      assertThat(s2.bestEpoch()).isEqualTo(1);
      assertThat(s2.bestValue()).isEqualTo(0.5);
      try (var files = Files.list(run.path().resolve("checkpoints"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("epoch-0002.safetensors", "epoch-0002-optimizer.safetensors", "best.safetensors");
      }
      assertThat(run.state()).contains(s2);

      Block c = linear(m, 99);
      Sgd resumed = new Sgd(m, n -> 1, 0.9, 0, false);
      run.restore(s2, c, resumed, ParameterNames.torchNames(c));
      Map<String, Parameter> restored = ParameterNames.torchNames(c);
      for (var e : params.entrySet()) {
        assertThat(restored.get(e.getKey()).getArray().toFloatArray()).containsExactly(e.getValue().getArray().toFloatArray());
      }
      assertThat(resumed.steps()).isEqualTo(2);
      // The momentum buffers came back: one more step moves both models identically.
      trainStep(m, b, opt);
      trainStep(m, c, resumed);
      assertThat(ParameterNames.torchNames(c).get("weight").getArray().toFloatArray())
          .containsExactly(params.get("weight").getArray().toFloatArray());
    }
  }

  @Test
  void configRoundTripsAndAStrangerFolderIsRejected() throws Exception {
    RunWriter run = RunWriter.create(root, "cfg");
    TrainConfig c = TrainConfigs.parse(
        new String(Files.readAllBytes(Path.of("..", "recipes", "aglf-rafdb.json"))), "aglf-rafdb.json");
    run.writeConfig(c, new LinkedHashMap<>(Map.of("seed", 1)));
    assertThat(RunDirectory.open(run.path()).readConfig()).isEqualTo(c);
    assertThat(Files.readString(run.path().resolve("config.json"))).contains("\"provenance\"");
    assertThatThrownBy(() -> RunDirectory.open(root))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("not a fer4j run directory");
  }
}
