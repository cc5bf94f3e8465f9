package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;

/**
 * What a {@link DatasetReader} found: the label space, the samples of each split, the settings it
 * used and every {@link Problem} it met. Immutable.
 *
 * <p>Split names are {@code train}, {@code val} and {@code test}. Data sets evaluated by
 * cross-validation (DFEW, CK+) name them {@code fold1/train}, {@code fold1/test}, ...; {@link
 * #fold(int)} turns one fold into an index with plain {@code train}/{@code test} splits.
 */
public final class DatasetIndex {
  private static final String FOLD_PREFIX = "fold";

  private final String format;
  private final Path root;
  private final LabelSpace labels;
  private final Map<String, List<Sample>> splits;
  private final List<Problem> problems;
  private final Map<String, String> settings;

  private DatasetIndex(Builder b) {
    this.format = b.format;
    this.root = b.root;
    this.labels = b.labels;
    Map<String, List<Sample>> copy = new LinkedHashMap<>();
    b.splits.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.splits = Collections.unmodifiableMap(copy);
    this.problems = List.copyOf(b.problems);
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
  }

  public static Builder builder(String format, Path root, LabelSpace labels) {
    return new Builder(format, root, labels);
  }

  public String format() {
    return format;
  }

  public Path root() {
    return root;
  }

  public LabelSpace labels() {
    return labels;
  }

  /** Split name to samples, in the order the reader added them. */
  public Map<String, List<Sample>> splits() {
    return splits;
  }

  public Set<String> splitNames() {
    return splits.keySet();
  }

  /** The samples of one split; an unknown name is an error listing the valid ones. */
  public List<Sample> split(String name) {
    List<Sample> samples = splits.get(name);
    if (samples == null) {
      throw FerException.badInput(
          "data set " + format + " has no split '" + name + "'; splits: " + splits.keySet());
    }
    return samples;
  }

  /** Samples over all splits (a sample in several folds counts once per fold). */
  public int size() {
    return splits.values().stream().mapToInt(List::size).sum();
  }

  /** Every problem, defects and protocol exclusions, in the order met. */
  public List<Problem> problems() {
    return problems;
  }

  /** Defects only: malformed rows, unknown labels, missing or unreadable images. */
  public List<Problem> errors() {
    return problems.stream().filter(p -> p.kind().isError()).toList();
  }

  /** Rows the data set's protocol leaves out. */
  public List<Problem> excluded() {
    return problems.stream().filter(p -> !p.kind().isError()).toList();
  }

  /** The effective settings (defaults filled in), for provenance and summaries. */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * Per class, the number of samples in {@code split} with that label; for a multi-label space,
   * the number of samples whose target marks the class present.
   */
  public int[] classCounts(String split) {
    int[] counts = new int[labels.size()];
    for (Sample s : split(split)) {
      if (labels.multiLabel() && s.target() != null) {
        for (int c = 0; c < counts.length && c < s.target().length; c++) {
          counts[c] += s.target()[c] > 0.5f ? 1 : 0;
        }
      } else if (s.label() >= 0 && s.label() < counts.length) {
        counts[s.label()]++;
      }
    }
    return counts;
  }

  /** Number of cross-validation folds (0 when the data set has fixed splits). */
  public int foldCount() {
    int folds = 0;
    for (String name : splits.keySet()) {
      if (name.startsWith(FOLD_PREFIX) && name.indexOf('/') > 0) {
        folds = Math.max(folds, Integer.parseInt(name.substring(4, name.indexOf('/'))));
      }
    }
    return folds;
  }

  /** Fold {@code k} (1-based) as an index with splits {@code train} and {@code test}. */
  public DatasetIndex fold(int k) {
    if (k < 1 || k > foldCount()) {
      throw FerException.badInput(
          "data set " + format + " has " + foldCount() + " folds; fold " + k + " does not exist");
    }
    Builder b = builder(format, root, labels);
    String prefix = FOLD_PREFIX + k + "/";
    splits.forEach((name, samples) -> {
      if (name.startsWith(prefix)) {
        b.addAll(name.substring(prefix.length()), samples);
      }
    });
    problems.forEach(b::problem);
    b.settings.putAll(settings);
    b.setting("fold", Integer.toString(k));
    return b.build();
  }

  /** Accumulates samples and problems; {@link #build()} freezes them. */
  public static final class Builder {
    private final String format;
    private final Path root;
    private final LabelSpace labels;
    private final Map<String, List<Sample>> splits = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(String format, Path root, LabelSpace labels) {
      this.format = format;
      this.root = root;
      this.labels = labels;
    }

    /** Declares a split so it appears (possibly empty) in the given order. */
    public Builder split(String name) {
      splits.computeIfAbsent(name, k -> new ArrayList<>());
      return this;
    }

    public Builder add(String split, Sample sample) {
      splits.computeIfAbsent(split, k -> new ArrayList<>()).add(sample);
      return this;
    }

    public Builder addAll(String split, List<Sample> samples) {
      splits.computeIfAbsent(split, k -> new ArrayList<>()).addAll(samples);
      return this;
    }

    public Builder problem(Problem problem) {
      problems.add(problem);
      return this;
    }

    public Builder problems(List<Problem> all) {
      problems.addAll(all);
      return this;
    }

    public Builder setting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    public DatasetIndex build() {
      return new DatasetIndex(this);
    }
  }
}
