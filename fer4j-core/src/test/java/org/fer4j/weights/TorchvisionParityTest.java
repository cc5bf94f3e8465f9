package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.engine.Engines;
import org.fer4j.models.StagedModel;
import org.fer4j.models.backbones.ConvNeXt;
import org.fer4j.models.backbones.ResNet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.fer4j.testing.ReferencePython;

/**
 * Numerical parity with torchvision 0.14 (the reference we did not write): seeded random weights
 * with non-trivial BatchNorm statistics, LayerNorm affine parameters and ConvNeXt layer scales are
 * exported by {@code tools/parity/export_torchvision.py}, loaded into fer4j's blocks and run in
 * inference mode on the same input. Every stage and the logits must agree to {@code 1e-4 * max(1,
 * max|torch|)}. One Python process produces all six cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TorchvisionParityTest {
  private static final List<String> MODELS = List.of("resnet18", "resnet50", "convnext_tiny");
  private static final List<String> SIZES = List.of("224x224", "112x96");
  private static final double TOLERANCE = 1e-4;
  private static final String EXPORT_SCRIPT = "tools/parity/export_torchvision.py";

  private String skipReason;
  private Path out;
  private NDManager manager;
  private final Map<String, Block> blocks = new HashMap<>();

  @BeforeAll
  void export() throws IOException {
    skipReason = ReferencePython.skipReason("torchvision parity", "torch, torchvision");
    if (skipReason != null) {
      return;
    }
    Engines.init();
    manager = NDManager.newBaseManager();
    out = Files.createTempDirectory("fer4j-parity");
    ReferencePython.runScript(
        EXPORT_SCRIPT,
        List.of(
            out.toString(),
            "--models",
            String.join(",", MODELS),
            "--sizes",
            String.join(",", SIZES)),
        900);
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (manager != null) {
      manager.close();
    }
    if (out != null) {
      try (Stream<Path> files = Files.walk(out)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Each test skips with the reason (so reports count them as skipped) when torch is missing. */
  @BeforeEach
  void requireTorch() {
    Assumptions.assumeTrue(skipReason == null, () -> skipReason);
  }

  static Stream<Arguments> cases() {
    return MODELS.stream().flatMap(m -> SIZES.stream().map(s -> Arguments.of(m, s)));
  }

  private static Block build(String model, int classes) {
    return switch (model) {
      case "resnet18" -> ResNet.builder().setDepth(18).optNumClasses(classes).build();
      case "resnet50" -> ResNet.builder().setDepth(50).optNumClasses(classes).build();
      case "convnext_tiny" -> ConvNeXt.builder().setVariant("tiny").optNumClasses(classes).build();
      default -> throw new IllegalArgumentException(model);
    };
  }

  /** The model with torchvision's weights, loaded strictly once per model. */
  private Block loaded(String model) {
    return blocks.computeIfAbsent(
        model,
        name -> {
          Block block = build(name, 1000);
          block.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 112, 96));
          LoadReport report =
              WeightLoader.load(
                  block,
                  out.resolve(name).resolve("weights.safetensors"),
                  NameMaps.torchvision(),
                  true);
          assertThat(report.complete()).isTrue();
          assertThat(report.ignored()).allMatch(k -> k.endsWith("num_batches_tracked"));
          return block;
        });
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("cases")
  void everyStageAndTheLogitsMatchTorchvision(String model, String size) {
    Block block = loaded(model);
    StagedModel staged = (StagedModel) block;
    try (NDManager scope = manager.newSubManager();
        Safetensors io =
            Safetensors.open(out.resolve(model).resolve("io_" + size + ".safetensors"))) {
      ParameterStore ps = new ParameterStore(scope, false);
      NDArray x = io.toNDArray("input", scope);
      StringBuilder figures = new StringBuilder(model + " " + size + ":");
      for (int i = 0; i < staged.stageNames().size(); i++) {
        String stage = staged.stageNames().get(i);
        x = staged.forwardStage(ps, i, x, false);
        assertClose(model + " " + size + " " + stage, x, io.toNDArray(stage, scope), figures);
      }
      NDArray logits = staged.forwardHead(ps, x, false).head();
      assertClose(model + " " + size + " logits", logits, io.toNDArray("logits", scope), figures);
      NDList whole = block.forward(ps, new NDList(io.toNDArray("input", scope)), false);
      assertClose(
          model + " " + size + " forward()", whole.head(), io.toNDArray("logits", scope), figures);
      System.out.println(figures);
    }
  }

  private static void assertClose(
      String what, NDArray actual, NDArray expected, StringBuilder figures) {
    assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.getShape());
    double scale = Math.max(1.0, expected.abs().max().getFloat());
    double diff = actual.sub(expected).abs().max().getFloat();
    figures.append(
        String.format(" %s %.2e/%.1f", what.substring(what.lastIndexOf(' ') + 1), diff, scale));
    assertThat(diff)
        .as(what + ": max|fer4j - torch| (torch scale " + scale + ")")
        .isLessThanOrEqualTo(TOLERANCE * scale);
  }

  /** The same ConvNeXt weights under timm's names (auto-detected) give torchvision's logits. */
  @Test
  void timmNamedConvNeXtLoadsStrictlyAndMatches() {
    Block block = build("convnext_tiny", 1000);
    try (NDManager scope = manager.newSubManager();
        Safetensors io = Safetensors.open(out.resolve("convnext_tiny/io_112x96.safetensors"))) {
      block.initialize(scope, DataType.FLOAT32, new Shape(2, 3, 112, 96));
      LoadReport report =
          WeightLoader.load(
              block, out.resolve("convnext_tiny/weights_timm.safetensors"), "auto", true);
      assertThat(report.format()).isEqualTo("timm");
      assertThat(report.complete()).isTrue();
      assertThat(report.loaded()).hasSize(182);
      NDArray logits =
          block
              .forward(
                  new ParameterStore(scope, false), new NDList(io.toNDArray("input", scope)), false)
              .head();
      StringBuilder figures = new StringBuilder("convnext_tiny timm names 112x96:");
      assertClose("timm logits", logits, io.toNDArray("logits", scope), figures);
      System.out.println(figures);
    }
  }

  /**
   * The comparison can fail: one changed running variance in layer4 shows up in layer4's output.
   */
  @Test
  void aSingleWrongBatchNormStatisticBreaksParity() {
    Block block = build("resnet18", 1000);
    try (NDManager scope = manager.newSubManager();
        Safetensors io = Safetensors.open(out.resolve("resnet18/io_112x96.safetensors"))) {
      block.initialize(scope, DataType.FLOAT32, new Shape(2, 3, 112, 96));
      WeightLoader.load(
          block, out.resolve("resnet18/weights.safetensors"), NameMaps.torchvision(), true);
      org.fer4j.models.ParameterNames.torchNames(block)
          .get("layer4.1.bn2.running_var")
          .getArray()
          .muli(4);
      StagedModel staged = (StagedModel) block;
      ParameterStore ps = new ParameterStore(scope, false);
      NDArray x = io.toNDArray("input", scope);
      NDArray layer3 = null;
      for (int i = 0; i < staged.stageNames().size(); i++) {
        x = staged.forwardStage(ps, i, x, false);
        if (i == 3) {
          layer3 = x;
        }
      }
      assertThat(layer3.sub(io.toNDArray("layer3", scope)).abs().max().getFloat())
          .isLessThanOrEqualTo(1e-3f);
      NDArray expected = io.toNDArray("layer4", scope);
      double scale = Math.max(1.0, expected.abs().max().getFloat());
      assertThat((double) x.sub(expected).abs().max().getFloat())
          .isGreaterThan(100 * TOLERANCE * scale);
    }
  }

  /**
   * A 7-class ResNet-18 fine-tuning start: ImageNet weights loaded non-strictly (the 1000-class fc
   * is skipped), saved as a fer4j checkpoint, loaded by torchvision with {@code
   * load_state_dict(strict=True)}: Python's logits must equal fer4j's.
   */
  @Test
  void checkpointLoadsStrictlyInTorchvisionAndGivesTheSameLogits() throws IOException {
    Block block = build("resnet18", 7);
    try (NDManager scope = manager.newSubManager()) {
      block.initialize(scope, DataType.FLOAT32, new Shape(2, 3, 112, 96));
      LoadReport report =
          WeightLoader.load(block, out.resolve("resnet18/weights.safetensors"), "auto", false);
      assertThat(report.shapeMismatches())
          .containsExactly(
              "fc.weight file (1000, 512) model (7, 512)", "fc.bias file (1000) model (7)");
      Path ckpt = out.resolve("resnet18-7.safetensors");
      Checkpoints.save(block, ckpt, Map.of("model", "resnet18", "classes", "7"));
      Path io = out.resolve("resnet18/io_112x96.safetensors");
      Path pyLogits = out.resolve("resnet18-7-logits.safetensors");
      ReferencePython.runScript(
          EXPORT_SCRIPT,
          List.of(
              "--check-checkpoint",
              ckpt.toString(),
              "resnet18",
              "7",
              io.toString(),
              pyLogits.toString()),
          900);
      try (Safetensors in = Safetensors.open(io);
          Safetensors py = Safetensors.open(pyLogits)) {
        NDArray logits =
            block
                .forward(
                    new ParameterStore(scope, false),
                    new NDList(in.toNDArray("input", scope)),
                    false)
                .head();
        StringBuilder figures = new StringBuilder("resnet18 7-class checkpoint:");
        assertClose("checkpoint logits", logits, py.toNDArray("logits", scope), figures);
        assertThat(logits.getShape()).isEqualTo(new Shape(2, 7));
        System.out.println(figures);
      }
    }
  }
}
