package org.fer4j.models.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.Safetensors;
import org.fer4j.testing.ReferencePython;
import org.fer4j.weights.WeightLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numerical parity of the seed models with their PyTorch references in {@code tools/reference}
 * (from docs/methods.md, run by Debian's {@code /usr/bin/python3} with torch): seeded random
 * weights with non-trivial BatchNorm and LayerNorm parameters are exported to safetensors, loaded
 * strictly into fer4j, and every output of an inference pass must agree to {@code 1e-4 * max(1,
 * max|torch|)}. Skipped when that Python has no torch, unless {@code FER4J_REQUIRE_PARITY} is set
 * ({@link ReferencePython}). The figures printed per model are max|fer4j - torch| / scale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedParityTest {
  private static final double TOLERANCE = 1e-4;
  private static final Map<String, Map<String, String>> OPTIONS =
      Map.of(
          "gcsa_resnet18", Map.of("frames", "4", "size", "64"),
          "aglf_resnet18", Map.of(),
          "aglf_resnet50", Map.of(),
          "faer_convnext_tiny", Map.of("heads", "joint"),
          "faer_convnext_base", Map.of("heads", "joint"),
          "lnlj", Map.of("unet_width", "8", "nonlocal_head", "true"));

  private Path out;

  @BeforeAll
  void export() throws Exception {
    if (ReferencePython.skipReason("seed parity", "torch, torchvision") != null) {
      return;
    }
    Engines.init(EngineOptions.defaults().withThreads(1));
    out = Files.createTempDirectory("fer4j-seed-parity");
    ReferencePython.runScript("tools/reference/export_seed.py", List.of(out.toString()), 900);
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (out != null) {
      try (Stream<Path> files = Files.walk(out)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "gcsa_resnet18",
        "aglf_resnet18",
        "aglf_resnet50",
        "faer_convnext_tiny",
        "faer_convnext_base",
        "lnlj"
      })
  void everyOutputMatchesThePyTorchReference(String model) {
    Assumptions.assumeTrue(
        out != null, "no torch in " + ReferencePython.PYTHON + " and FER4J_REQUIRE_PARITY unset");
    Path dir = out.resolve(model);
    try (NDManager m = NDManager.newBaseManager();
        Safetensors io = Safetensors.open(dir.resolve("io.safetensors"))) {
      NDArray x = io.toNDArray("input", m);
      Block block = ModelRegistry.get(model).build(new ModelOptions(7, OPTIONS.get(model)));
      block.initialize(m, DataType.FLOAT32, x.getShape());
      LoadReport report =
          WeightLoader.load(
              block, dir.resolve("weights.safetensors"), NameMaps.torchvision(), true);
      assertThat(report.complete()).isTrue();
      NDList outputs = block.forward(new ParameterStore(m, false), new NDList(x), false);
      List<String> expectedNames = io.names().stream().filter(n -> n.startsWith("out")).toList();
      // GCSA appends its per-frame channel attention (layer2, layer3) for explanations; the
      // reference exports only the outputs before them
      int explanationOutputs = "gcsa_resnet18".equals(model) ? 2 : 0;
      assertThat(outputs).hasSize(expectedNames.size() + explanationOutputs);
      StringBuilder figures = new StringBuilder(model + ":");
      for (int i = 0; i < expectedNames.size(); i++) {
        NDArray expected = io.toNDArray("out" + i, m);
        NDArray actual = outputs.get(i);
        assertThat(actual.getShape()).as(model + " out" + i).isEqualTo(expected.getShape());
        double scale = Math.max(1.0, expected.abs().max().getFloat());
        double diff = actual.sub(expected).abs().max().getFloat();
        figures.append(String.format(" out%d %.2e/%.1f", i, diff, scale));
        assertThat(diff)
            .as(model + " out" + i + " max|fer4j - torch| (scale " + scale + ")")
            .isLessThanOrEqualTo(TOLERANCE * scale);
      }
      System.out.println(figures);
    }
  }
}
