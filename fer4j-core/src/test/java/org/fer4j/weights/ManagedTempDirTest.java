package org.fer4j.weights;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture of the weight file tests: the engine started, a fresh NDManager per test (closed after
 * it, so no test leaks native memory into the next) and a temporary folder for the files.
 */
abstract class ManagedTempDirTest {
  @TempDir Path dir;
  NDManager manager;

  @BeforeEach
  void start() {
    Engines.init();
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void stop() {
    manager.close();
  }
}
