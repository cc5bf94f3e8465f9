package org.fer4j.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.Assumptions;

/**
 * The face-api weights and sample photos in the cache ({@code ./fer models pull}); the same skip
 * rule as the face pipeline's tests: skip only when they are absent and
 * {@code FER4J_REQUIRE_PARITY} is unset (CI sets it, so there a missing cache fails).
 */
final class FaceWeights {
  private FaceWeights() {}

  static Path cacheOrSkip() {
    Path cache = FaceApiPackage.cacheRoot(null);
    if (!Files.isRegularFile(FaceApiPackage.demoDir(cache).resolve("sample2.jpg"))
        || !Files.isDirectory(FaceApiPackage.weightsDir(cache))) {
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        throw new AssertionError("face-api weights/photos missing under " + cache + "; run tools/golden/setup.sh");
      }
      Assumptions.abort("face-api weights not in the cache; run ./fer models pull");
    }
    return cache;
  }
}
