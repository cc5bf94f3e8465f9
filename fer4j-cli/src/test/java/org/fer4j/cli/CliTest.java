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
        .contains("DJL      0.35.1")
        .contains("PyTorch  2.7.1")
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
  void unknownCommandIsAUsageError() {
    Object[] r = run("nope");
    assertThat(r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("Unmatched argument");
  }
}
