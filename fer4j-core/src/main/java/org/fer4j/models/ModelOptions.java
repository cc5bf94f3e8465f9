package org.fer4j.models;

import java.util.Map;
import org.fer4j.FerException;

/**
 * Options a model is built with: class count plus free-form named options (attention key,
 * squeeze mode, region count...). Each factory documents which keys it reads and rejects
 * unknown values with the list of valid ones.
 *
 * @param numClasses size of the main classification head
 * @param extra named options, e.g. {@code attention=cbam}
 */
public record ModelOptions(int numClasses, Map<String, String> extra) {

  public ModelOptions {
    if (numClasses < 1) {
      throw FerException.badInput("numClasses must be >= 1, was " + numClasses);
    }
    extra = Map.copyOf(extra);
  }

  public static ModelOptions of(int numClasses) {
    return new ModelOptions(numClasses, Map.of());
  }

  public String get(String key, String defaultValue) {
    return extra.getOrDefault(key, defaultValue);
  }

  public int getInt(String key, int defaultValue) {
    String v = extra.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw FerException.badInput("model option '" + key + "' must be an integer, was '" + v + "'");
    }
  }

  public double getDouble(String key, double defaultValue) {
    String v = extra.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw FerException.badInput("model option '" + key + "' must be a number, was '" + v + "'");
    }
  }

  /** A copy with one more option set. */
  public ModelOptions with(String key, String value) {
    java.util.Map<String, String> m = new java.util.HashMap<>(extra);
    m.put(key, value);
    return new ModelOptions(numClasses, m);
  }
}
