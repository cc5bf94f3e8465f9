package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command given a wrong value ends with one {@code error:} line on stderr and a non-zero
 * exit, never a stack trace. {@code --threads -3} reaches the engine's IllegalArgumentException,
 * {@code --bogus} picocli's own parameter error, the rest the commands' domain errors.
 */
class CliErrorsTest {
  @TempDir static Path tmp;

  static Stream<Arguments> wrongValues() {
    String dir = tmp.toString();
    String none = tmp.resolve("none").toString();
    return Stream.of(
        List.of("demo", "--model", "nosuch", "--out", dir),
        List.of("study", "synth", "--seeds", "x", "--dir", dir),
        List.of("study", "synth", "--test-fraction", "1.5", "--dir", dir),
        List.of("synth", "--out", dir, "--images", "-3"),
        List.of("train", "--recipe", "nosuch"),
        List.of("eval", "--run", none),
        List.of("bench", "train", "--model", "resnet18", "--threads", "-3"),
        List.of("bench", "infer", "--model", "resnet18", "--size", "big"),
        List.of("bench", "data", none),
        List.of("bench", "explain", "--model", "resnet18", "--threads", "-3"),
        List.of("version", "--threads", "-3"),
        List.of("models", "--threads", "-3"),
        List.of("models", "pull", "--npm", tmp.resolve("no-npm/npm").toString(), "--cache", tmp.resolve("cache").toString()),
        List.of("data", "inspect", dir, "--format", "nosuch"),
        List.of("data", "formats", "--bogus"),
        List.of("weights", "inspect", tmp.resolve("none.safetensors").toString()),
        List.of("predict", "--threads", "-3", "x.jpg"),
        List.of("predict", "--format", "xml", "x.jpg"),
        List.of("explain", "--model", "resnet18", "--threads", "-3", "--out", dir, "x.png"),
        List.of("serve", "--threads", "-3"),
        List.of("spark", "predict", "--input", dir, "--output", none, "--batch", "0"),
        List.of("help", "nosuch"),
        List.of("--bogus")).map(a -> Arguments.of(String.join(" ", a), a));
  }

  @ParameterizedTest(name = "fer {0}")
  @MethodSource("wrongValues")
  void aWrongValueIsOneErrorLineAndANonZeroExit(String line, List<String> args) {
    Object[] r = CliTest.run(args.toArray(String[]::new));
    List<String> err = errorLines((String) r[2]);
    assertThat((int) r[0]).as("exit code of fer %s; stderr: %s", line, r[2]).isNotZero();
    assertThat(err).as("stderr of fer %s", line).hasSize(1);
    assertThat(err.get(0)).startsWith("error: ").doesNotContain("Exception");
  }

  @ParameterizedTest(name = "fer {0} --help")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"predict", "bench infer", "spark predict", "data inspect", "weights inspect"})
  void theHelpTheErrorsPointToExists(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.add("--help");
    Object[] r = CliTest.run(args.toArray(String[]::new));
    assertThat((int) r[0]).isZero();
    assertThat((String) r[1]).startsWith("Usage: fer " + command + " ");
  }

  @Test
  void debugAddsTheStackTrace() {
    Object[] r = CliTest.run("predict", "--threads", "-3", "--debug", "x.jpg");
    assertThat((int) r[0]).isEqualTo(3);
    assertThat((String) r[2]).contains("error: intraOpThreads must be >= 0")
        .contains("java.lang.IllegalArgumentException").contains("\tat org.fer4j.");
  }

  @Test
  void aBugIsReportedAsInternalWithoutItsStackTrace() {
    java.io.StringWriter out = new java.io.StringWriter();
    int code = Main.handle(new NullPointerException("x is null"), new java.io.PrintWriter(out), false);
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).startsWith("error: internal error (java.lang.NullPointerException: x is null)")
        .contains("--debug").doesNotContain("\tat ");
  }

  // Environment noise that is not the command's output: SLF4J's start-up notes and Spark's log.
  private static List<String> errorLines(String stderr) {
    return Arrays.stream(stderr.split("\\R"))
        .filter(l -> !l.isBlank() && !l.startsWith("SLF4J(") && !l.matches("\\d\\d/\\d\\d/\\d\\d .*")
            && !l.startsWith("Using Spark's default log4j profile"))
        .toList();
  }
}
