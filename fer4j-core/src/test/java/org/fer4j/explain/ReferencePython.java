package org.fer4j.explain;

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
 * Runs {@code tools/parity/gradcam_reference.py} with Debian's {@code /usr/bin/python3}. Without
 * torch the parity test is skipped, unless {@code FER4J_REQUIRE_PARITY} is set (CI sets it): then
 * it fails.
 */
final class ReferencePython {
  static final String PYTHON = "/usr/bin/python3";
  static final String REQUIRE_ENV = "FER4J_REQUIRE_PARITY";
  static final String SCRIPT = "tools/parity/gradcam_reference.py";

  private ReferencePython() {}

  /** Skips (or, when FER4J_REQUIRE_PARITY is set, fails) if torch/torchvision cannot be imported. */
  static void requireTorch() throws IOException {
    String problem = null;
    if (!Files.isExecutable(Path.of(PYTHON))) {
      problem = PYTHON + " does not exist";
    } else {
      Result r = run(List.of(PYTHON, "-c", "import torch, torchvision"), 120);
      problem = r.exitCode == 0 ? null : "import failed: " + r.output.strip();
    }
    if (problem == null) {
      return;
    }
    String message = "Grad-CAM parity needs " + PYTHON + " with torch and torchvision (" + problem
        + "); install python3-torch python3-torchvision";
    if (System.getenv(REQUIRE_ENV) != null) {
      Assertions.fail(message + " (" + REQUIRE_ENV + " is set, so this is a failure)");
    }
    Assumptions.abort(message + "; skipped because " + REQUIRE_ENV + " is unset");
  }

  /** Runs the reference script; a non-zero exit fails the test with the script's output. */
  static void runScript(List<String> args) throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    Path script = null;
    for (Path d = dir; d != null && script == null; d = d.getParent()) {
      script = Files.isRegularFile(d.resolve(SCRIPT)) ? d.resolve(SCRIPT) : null;
    }
    if (script == null) {
      throw new IllegalStateException(SCRIPT + " not found above " + dir);
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
    command.addAll(args);
    Result r = run(command, 600);
    if (r.exitCode != 0) {
      Assertions.fail("reference script failed (exit " + r.exitCode + "): " + command + "\n" + r.output);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, long timeoutSeconds) throws IOException {
    Path log = Files.createTempFile("fer4j-gradcam", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
