package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.StDtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WeightsCommandTest {
  @TempDir Path dir;

  /** A hand-written file: timm-style names, F16 weight (2x3), I64 counter, one metadata pair. */
  private Path timmFile() throws IOException {
    String json =
        "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"stem.0.weight\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
            + "\"stem.1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[12,20]}}";
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(8 + header.length + 20).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(header.length).put(header);
    Path file = dir.resolve("timm.safetensors");
    Files.write(file, buf.array());
    return file;
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    Object[] r = CliTest.run(args);
    return new Run((int) r[0], (String) r[1], (String) r[2]);
  }

  @Test
  void inspectListsNamesDtypesShapesAndTotals() throws IOException {
    Path file = timmFile();
    Run r = run("weights", "inspect", file.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("names     timm (detected)")
        .contains("metadata  format = pt")
        .containsPattern("stem\\.0\\.weight\\s+F16\\s+\\(2, 3\\)\\s+6")
        .containsPattern("stem\\.1\\.num_batches_tracked\\s+I64\\s+\\(\\)\\s+1")
        .contains("2 tensors, 6 parameters + 0 BatchNorm running statistics, 20 bytes of data");
  }

  @Test
  void inspectOfAMissingFileExitsWithNotFound() {
    Run r = run("weights", "inspect", dir.resolve("nope.safetensors").toString());
    assertThat(r.exitCode()).isEqualTo(FerException.Kind.NOT_FOUND.exitCode());
    assertThat(r.err()).contains("nope.safetensors", "no such weights file");
  }

  @Test
  void inspectOfADamagedFileExitsWithBadInput() throws IOException {
    Path file = dir.resolve("bad.safetensors");
    Files.write(file, new byte[] {1, 2, 3});
    Run r = run("weights", "inspect", file.toString());
    assertThat(r.exitCode()).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat(r.err()).contains("bad.safetensors", "truncated");
  }

  /** Holder so picocli can parse the mixin's options the way a model command would. */
  @CommandLine.Command(name = "holder")
  static final class Holder {
    @CommandLine.Mixin WeightsMixin weights;
  }

  private static WeightsMixin parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.weights;
  }

  @Test
  void mixinLoadsIntoABlockAndReportsSkippedTensors() {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      tensors.put("weight", m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)));
      tensors.put("bias", m.create(new float[] {7, 8, 9})); // 3 classes in the file, 2 in the model
      Path file = dir.resolve("lin.safetensors");
      Safetensors.write(file, tensors, Map.of(), StDtype.F32);
      Linear block = Linear.builder().setUnits(2).build();
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3));

      assertThat(parse().apply(block, System.out)).isEmpty();
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      LoadReport report =
          parse("--pretrained", file.toString())
              .apply(block, new PrintStream(log, true, StandardCharsets.UTF_8))
              .orElseThrow();
      assertThat(report.loaded()).containsExactly("weight");
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("loaded 1 tensors", "bias file (3) model (2)");
      assertThat(block.getParameters().get("weight").getArray().toFloatArray())
          .containsExactly(1, 2, 3, 4, 5, 6);

      WeightsMixin strict = parse("--pretrained", file.toString(), "--weights-strict");
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(() -> strict.apply(block, System.out)))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("1 with another shape: bias file (3) model (2)");
      WeightsMixin wrongFormat = parse("--pretrained", file.toString(), "--weights-format", "onnx");
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> wrongFormat.apply(block, System.out)))
          .hasMessageContaining(
              "unknown weights format 'onnx'; valid formats: torchvision, timm, auto");
    }
  }
}
