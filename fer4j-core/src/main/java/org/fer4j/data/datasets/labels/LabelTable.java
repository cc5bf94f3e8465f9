package org.fer4j.data.datasets.labels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.LabelSpace;

/**
 * One data set's native label codes (numbers or folder names) mapped to canonical class names of
 * {@link LabelSpace#EXPRESSION_8} (docs/methods.md#label-spaces), plus the codes its protocol
 * drops. Codes match case-insensitively after trimming.
 */
public final class LabelTable {
  private final String dataset;
  private final Map<String, String> names;
  private final Map<String, String> exclusions;
  private final List<String> order;

  private LabelTable(Builder b) {
    this.dataset = b.dataset;
    this.names = Map.copyOf(b.names);
    this.exclusions = Map.copyOf(b.exclusions);
    this.order = List.copyOf(b.order);
  }

  public static Builder builder(String dataset) {
    return new Builder(dataset);
  }

  public String dataset() {
    return dataset;
  }

  /** The canonical class name of a native code, or null when the code is not a class. */
  public String canonicalName(String code) {
    return names.get(key(code));
  }

  /** Why the protocol drops this code, or null when it does not. */
  public String exclusion(String code) {
    return exclusions.get(key(code));
  }

  /** The native codes in table order, for error messages. */
  public String validCodes() {
    return String.join(", ", order);
  }

  /** Native codes in table order (classes first, then dropped codes). */
  public List<String> codes() {
    return order;
  }

  private static String key(String code) {
    return code.trim().toLowerCase(Locale.ROOT);
  }

  /** Builder; {@link #map} checks every name against the canonical 8-class space. */
  public static final class Builder {
    private final String dataset;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, String> exclusions = new LinkedHashMap<>();
    private final List<String> order = new java.util.ArrayList<>();

    private Builder(String dataset) {
      this.dataset = dataset;
    }

    /** Native {@code code} means canonical class {@code canonical} (e.g. "Happiness"). */
    public Builder map(String code, String canonical) {
      // indexOf fails fast on a misspelt name; the stored name has the canonical spelling.
      int index = LabelSpace.EXPRESSION_8.indexOf(canonical);
      names.put(key(code), LabelSpace.EXPRESSION_8.nameOf(index));
      order.add(code);
      return this;
    }

    /** Native {@code code} is valid but the protocol drops it, for {@code reason}. */
    public Builder exclude(String code, String reason) {
      exclusions.put(key(code), reason);
      order.add(code);
      return this;
    }

    public LabelTable build() {
      return new LabelTable(this);
    }
  }
}
