package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;

class CliTest {

  /** Runs the CLI in-process and returns {exit code, stdout, stderr}. */
  static Object[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Object[] {code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void versionNamesEveryComponent() {
    Object[] r = run("version");
    assertThat(r[0]).isEqualTo(0);
    assertThat((String) r[1])
        .contains("fer4j")
        .contains("DJL      " + org.fer4j.Fer4j.buildProperty("djl"))
        .contains("PyTorch  " + org.fer4j.Fer4j.buildProperty("pytorch"))
        .contains("Java     17")
        .contains("intra-op");
  }

  @Test
  void unknownModelIsADomainErrorWithTheValidNames() {
    Object[] r = run("bench", "infer", "--model", "no_such_model", "--iters", "1");
    assertThat(r[0]).isEqualTo(FerException.Kind.NOT_FOUND.exitCode());
    assertThat((String) r[2]).contains("unknown model 'no_such_model'").contains("registered models");
  }

  @Test
  void sizeParsesSquareAndRectangular() {
    assertThat(BenchCommand.parseSize("224")).containsExactly(224, 224);
    assertThat(BenchCommand.parseSize("112x96")).containsExactly(112, 96);
    assertThatThrownBy(() -> BenchCommand.parseSize("big"))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("--size must be S or HxW");
  }

  @Test
  void benchLoadsPretrainedWeightsAndRejectsMismatchesWhenStrict(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    org.fer4j.engine.Engines.init();
    java.nio.file.Path file = dir.resolve("r18.safetensors");
    ai.djl.nn.Block block = org.fer4j.models.ModelRegistry.get("resnet18").build(org.fer4j.models.ModelOptions.of(10));
    try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
      block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 3, 32, 32));
      org.fer4j.weights.Checkpoints.save(block, file, java.util.Map.of());
    }
    Object[] ok = run("bench", "infer", "--model", "resnet18", "--classes", "10", "--size", "32",
        "--batch", "1", "--warmup", "0", "--iters", "1", "--pretrained", file.toString());
    assertThat(ok[0]).isEqualTo(0);
    assertThat((String) ok[2]).contains("loaded");
    assertThat((String) ok[1]).contains("images/s");
    Object[] bad = run("bench", "infer", "--model", "resnet18", "--classes", "7", "--size", "32",
        "--batch", "1", "--warmup", "0", "--iters", "1", "--pretrained", file.toString(), "--weights-strict");
    assertThat(bad[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) bad[2]).contains("fc.weight");
  }

  @Test
  void unknownCommandIsAUsageError() {
    Object[] r = run("nope");
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("Unmatched argument");
  }
}
