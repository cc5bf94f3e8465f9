package org.fer4j.data.datasets;

import java.util.Map;

/**
 * A reader whose format name, listing line and settings are fixed at construction, so each
 * concrete reader states them once in its constructor and implements only {@link #read}.
 */
abstract class AbstractDatasetReader implements DatasetReader {
  private final String format;
  private final String description;
  private final Map<String, String> settings;

  AbstractDatasetReader(String format, String description) {
    this(format, description, Map.of());
  }

  AbstractDatasetReader(String format, String description, Map<String, String> settings) {
    this.format = format;
    this.description = description;
    this.settings = Map.copyOf(settings);
  }

  @Override
  public final String format() {
    return format;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Map<String, String> settings() {
    return settings;
  }
}
