package org.fer4j.testing;

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
 * Runs the PyTorch reference scripts of the parity tests ({@code tools/parity/}, {@code
 * tools/reference/}) with Debian's {@code /usr/bin/python3} (the system property {@code
 * fer4j.parity.python} overrides it). When that Python cannot import what a test needs, the test is
 * skipped, unless {@code FER4J_REQUIRE_PARITY} is set (CI sets it): then it fails.
 */
public final class ReferencePython {
  /** The Python that runs the references. */
  public static final String PYTHON = System.getProperty("fer4j.parity.python", "/usr/bin/python3");

  /** Set in CI: a missing torch fails the parity tests instead of skipping them. */
  public static final String REQUIRE_ENV = "FER4J_REQUIRE_PARITY";

  private ReferencePython() {}

  /**
   * Null when {@code modules} (e.g. {@code "torch, torchvision"}) import; otherwise why the test
   * named {@code what} is skipped. Under CI ({@code FER4J_REQUIRE_PARITY} set) the calling test
   * fails right here instead.
   */
  public static String skipReason(String what, String modules) {
    String why = importProblem(modules);
    if (why == null) {
      return null;
    }
    String message =
        what
            + " needs "
            + PYTHON
            + " with "
            + modules
            + " ("
            + why
            + "); install "
            + debianPackages(modules);
    if (System.getenv(REQUIRE_ENV) != null) {
      Assertions.fail(message + " (" + REQUIRE_ENV + " is set, so this is a failure)");
    }
    return message + "; skipped because " + REQUIRE_ENV + " is unset";
  }

  /** Debian's packages of Python modules: "torch, torchvision" gives "python3-torch python3-torchvision". */
  static String debianPackages(String modules) {
    return String.join(
        " ",
        java.util.Arrays.stream(modules.split(","))
            .map(m -> "python3-" + m.strip())
            .toList());
  }

  /** Aborts (skips) the calling test when {@link #skipReason} gives a reason. */
  public static void require(String what, String modules) {
    String reason = skipReason(what, modules);
    Assumptions.assumeTrue(reason == null, reason);
  }

  private static String importProblem(String modules) {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return PYTHON + " does not exist";
    }
    try {
      Result r = run(List.of(PYTHON, "-c", "import " + modules), 120);
      return r.exitCode == 0 ? null : "import failed: " + r.output.strip();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** A script by its repository path, found by walking up from the working directory. */
  public static Path script(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(relative + " not found above " + dir);
  }

  /** Runs a script with arguments; a non-zero exit or a time-out fails the test with its output. */
  public static void runScript(String relative, List<String> args, long timeoutSeconds)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(PYTHON, script(relative).toString()));
    command.addAll(args);
    Result r = run(command, timeoutSeconds);
    if (r.exitCode != 0) {
      Assertions.fail(
          "reference script failed (exit " + r.exitCode + "): " + command + "\n" + r.output);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, long timeoutSeconds) throws IOException {
    Path log = Files.createTempFile("fer4j-reference", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
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
