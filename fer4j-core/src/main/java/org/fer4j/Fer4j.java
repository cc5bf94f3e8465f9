package org.fer4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of fer4j. */
public final class Fer4j {
  private Fer4j() {}

  /** The Maven project version this jar was built from, or "unknown" outside a build. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Fer4j.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
