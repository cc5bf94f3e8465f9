package org.fer4j.weights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code tools/parity/export_torchvision.py} with Debian's {@code /usr/bin/python3}. When
 * that Python cannot import torch the parity tests are skipped, unless {@code
 * FER4J_REQUIRE_PARITY} is set (CI sets it), in which case they fail.
 */
final class ParityPython {
  static final String PYTHON = "/usr/bin/python3";
  static final String REQUIRE_ENV = "FER4J_REQUIRE_PARITY";

  private ParityPython() {}

  /** Skips (or, under CI, fails) the calling tests when torch/torchvision are not importable. */
  static void requireTorch() {
    String why = torchProblem();
    if (why == null) {
      return;
    }
    String message =
        "torchvision parity needs " + PYTHON + " with torch and torchvision (" + why
            + "); install python3-torch python3-torchvision";
    if (System.getenv(REQUIRE_ENV) != null) {
      Assertions.fail(message + " (" + REQUIRE_ENV + " is set, so this is a failure)");
    }
    Assumptions.abort(message + "; skipped because " + REQUIRE_ENV + " is unset");
  }

  private static String torchProblem() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return PYTHON + " does not exist";
    }
    try {
      Result r = run(List.of(PYTHON, "-c", "import torch, torchvision"), 120);
      return r.exitCode == 0 ? null : "import failed: " + r.output.strip();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** The export script, found by walking up from the working directory to the repository root. */
  static Path script() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("tools/parity/export_torchvision.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("tools/parity/export_torchvision.py not found above " + dir);
  }

  /** Runs the script with arguments; a non-zero exit fails the test with the script's output. */
  static void runScript(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(PYTHON, script().toString()));
    command.addAll(args);
    Result r = run(command, 900);
    if (r.exitCode != 0) {
      Assertions.fail("parity script failed (exit " + r.exitCode + "): " + command + "\n" + r.output);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, long timeoutSeconds) throws IOException {
    Path log = Files.createTempFile("fer4j-parity", ".log");
    try {
      Process p =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done;
      try {
        done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      if (!done) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
