package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelRegistry;
import org.fer4j.testing.ReferencePython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model the exporter covers, exported with random weights: ONNX Runtime must give DJL's
 * outputs to 1e-4 of the largest output on a random batch of two (so the batch axis is really
 * dynamic), and Debian's onnx package must accept the file with {@code full_check=True}.
 */
class OnnxExportParityTest {
  /** Every registered model (a test below checks that none is missing). */
  static List<String> exported() {
    return List.of(
        "resnet18",
        "resnet34",
        "resnet50",
        "convnext_tiny",
        "convnext_base",
        "se_resnet18",
        "eca_resnet18",
        "cbam_resnet18",
        "aglf_resnet18",
        "aglf_resnet50",
        "faer_convnext_tiny",
        "faer_convnext_base",
        "lnlj",
        "lnlj_late_fusion",
        "lnlj_nonlocal_only",
        "gcsa_resnet18",
        "faceres_mobilenet");
  }

  private static final double TOLERANCE = 1e-4;

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void everyRegisteredModelIsExportedAndChecked() {
    assertThat(exported())
        .as("registered models must be in this test's list (and export)")
        .containsExactlyInAnyOrderElementsOf(ModelRegistry.names());
  }

  @ParameterizedTest
  @MethodSource("exported")
  void onnxRuntimeMatchesDjlOnARandomBatch(String name) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = ExportFixture.build(name, manager, 7);
      byte[] model = OnnxExporter.standard().export(block, ExportFixture.info(name)).toByteArray();
      Shape input =
          new Shape(2).addAll(OnnxExporter.inputShape(ExportFixture.preprocess(name)).slice(1));
      float[] x = ExportFixture.randomInput(input, 11);
      List<float[]> expected = ExportFixture.runDjl(block, x, input);
      List<float[]> actual = ExportFixture.runOrt(model, x, input);
      assertThat(actual).as(name + " outputs").hasSameSizeAs(expected);
      assertThat(actual.get(0)).hasSize(2 * ExportFixture.LABELS.size());
      for (int i = 0; i < expected.size(); i++) {
        double error = ExportFixture.relativeMaxError(expected.get(i), actual.get(i));
        System.out.printf(
            "%s output %d: ONNX Runtime vs DJL max error %.2e of max|output|%n", name, i, error);
        assertThat(error).as(name + " output " + i + " relative max error").isLessThan(TOLERANCE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"resnet18", "convnext_tiny"})
  void metadataCarriesClassNamesPreprocessingAndProvenance(String name) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = ExportFixture.build(name, manager, 3);
      byte[] model = OnnxExporter.standard().export(block, ExportFixture.info(name)).toByteArray();
      try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model)) {
        Map<String, String> meta = session.getMetadata().getCustomMetadata();
        assertThat(meta.get(ExportInfo.MODEL)).isEqualTo(name);
        assertThat(meta.get(ExportInfo.CLASS_NAMES))
            .isEqualTo(
                "[\"Surprise\",\"Fear\",\"Disgust\",\"Happiness\",\"Sadness\",\"Anger\",\"Neutral\"]");
        assertThat(meta.get(ExportInfo.PREPROCESS))
            .contains("\"height\":64", "\"channel_order\":\"RGB\"", "0.485");
        assertThat(meta.get(ExportInfo.PROVENANCE)).contains("\"weights\":\"random\"", "fer4j ");
        assertThat(session.getInputInfo().keySet()).containsExactly(OnnxExporter.INPUT_NAME);
        assertThat(session.getOutputInfo().keySet()).containsExactly(OnnxExporter.OUTPUT_NAME);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("exported")
  void onnxCheckerAcceptsTheFile(String name, @TempDir Path dir) throws Exception {
    ReferencePython.require("the ONNX checker test", "onnx");
    Path file = dir.resolve(name + ".onnx");
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = ExportFixture.build(name, manager, 5);
      OnnxExporter.standard().write(block, ExportFixture.info(name), file);
    }
    assertThat(Files.size(file)).isGreaterThan(1_000_000L);
    ReferencePython.runScript("tools/onnx/check_model.py", List.of(file.toString()), 600);
  }
}
