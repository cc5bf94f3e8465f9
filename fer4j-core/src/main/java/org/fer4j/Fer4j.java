package org.fer4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of fer4j. */
public final class Fer4j {
  private Fer4j() {}

  /** The Maven project version this jar was built from, or "unknown" outside a build. */
  public static String version() {
    return buildProperty("version");
  }

  /**
   * A fact the build wrote into this jar: {@code version}, {@code djl} (DJL version),
   * {@code pytorch} (PyTorch version of the natives) or {@code pytorchFlavor} ({@code cpu} or a CUDA
   * flavour such as {@code cu124}); "unknown" outside a build. The Maven profiles {@code torch25}
   * and {@code cuda} change the last three.
   */
  public static String buildProperty(String key) {
    Properties p = new Properties();
    try (InputStream in = Fer4j.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty(key, "unknown");
  }
}
