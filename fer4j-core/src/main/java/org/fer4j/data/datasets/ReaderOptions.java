package org.fer4j.data.datasets;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;

/**
 * How a {@link DatasetReader} treats bad input and which variant of a data set it reads.
 *
 * <p>{@code strict} turns the first defective row into a {@link FerException} before training
 * starts; otherwise defective rows are skipped and reported in {@link DatasetIndex#problems()}.
 * {@code checkImages} decodes every image instead of only checking that it exists. Format-specific
 * settings (for example {@code images=original} for RAF-DB) are plain key/value pairs that each
 * reader lists in {@link DatasetReader#settings()}.
 */
public final class ReaderOptions {
  private final boolean strict;
  private final boolean checkImages;
  private final long seed;
  private final Map<String, String> settings;

  private ReaderOptions(Builder b) {
    this.strict = b.strict;
    this.checkImages = b.checkImages;
    this.seed = b.seed;
    this.settings = Map.copyOf(b.settings);
  }

  /** Lenient defaults: skip and count problems, check existence only, seed 42. */
  public static ReaderOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean strict() {
    return strict;
  }

  public boolean checkImages() {
    return checkImages;
  }

  /** Seed for anything a reader randomises (CK+ subject folds). */
  public long seed() {
    return seed;
  }

  /** Every format-specific setting given. */
  public Map<String, String> settings() {
    return settings;
  }

  /** A format-specific setting, or {@code fallback} when it was not given. */
  public String setting(String key, String fallback) {
    return settings.getOrDefault(key, fallback);
  }

  /** An integer setting; a non-integer value is a {@link FerException} naming the key. */
  public int intSetting(String key, int fallback) {
    String value = settings.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw FerException.badInput(
          "setting " + key + "=" + value + " is not an integer; give e.g. " + key + "=" + fallback);
    }
  }

  /** A setting restricted to a few values; anything else is an error listing them. */
  public String choice(String key, String fallback, String... allowed) {
    String value = setting(key, fallback).trim().toLowerCase(java.util.Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(value)) {
        return a;
      }
    }
    throw FerException.badInput(
        "setting " + key + "=" + value + " is not valid; use one of " + String.join(", ", allowed));
  }

  /** Builder: every field is optional. */
  public static final class Builder {
    private boolean strict;
    private boolean checkImages;
    private long seed = 42;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /** Stop with a {@link FerException} at the first defective row. */
    public Builder optStrict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Decode every image (slow) instead of only checking that it exists. */
    public Builder optCheckImages(boolean checkImages) {
      this.checkImages = checkImages;
      return this;
    }

    /** Seed for randomised splits. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** A format-specific setting, e.g. {@code optSetting("mode", "probability")}. */
    public Builder optSetting(String key, String value) {
      settings.put(key.trim(), value.trim());
      return this;
    }

    /** A setting written as {@code key=value} (the CLI's {@code --set}). */
    public Builder optSetting(String keyValue) {
      int eq = keyValue.indexOf('=');
      if (eq <= 0) {
        throw FerException.badInput(
            "setting '" + keyValue + "' must have the form key=value, e.g. images=original");
      }
      return optSetting(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    public ReaderOptions build() {
      return new ReaderOptions(this);
    }
  }
}
