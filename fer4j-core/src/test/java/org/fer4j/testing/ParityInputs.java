package org.fer4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Files a parity test compares against (weights in the cache, golden outputs): when one is missing
 * the test is skipped, unless {@code FER4J_REQUIRE_PARITY} is set (CI sets it): then it fails.
 */
public final class ParityInputs {
  private ParityInputs() {}

  /** Skips with {@code why} when {@code file} is missing; fails with it under CI. */
  public static void requireFile(Path file, String why) {
    requireFile(file,
        why + " (" + ReferencePython.REQUIRE_ENV + " is set, so this is an error, not a skip)", why);
  }

  /** Skips with {@code skipped} when {@code file} is missing; fails with {@code failure} under CI. */
  public static void requireFile(Path file, String failure, String skipped) {
    if (Files.isRegularFile(file)) {
      return;
    }
    if (System.getenv(ReferencePython.REQUIRE_ENV) != null) {
      Assertions.fail(failure);
    }
    Assumptions.abort(skipped);
  }
}
