package org.fer4j.data.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-text report of a {@link DatasetIndex}: counts per split and class (by name), missing
 * files, and skipped rows grouped by reason with the first few locations of each.
 */
public final class IndexSummary {
  private IndexSummary() {}

  /**
   * @param examples how many locations to show per reason
   */
  public static String format(DatasetIndex index, int examples) {
    StringBuilder out = new StringBuilder();
    out.append("data set: ").append(index.format()).append(" at ").append(index.root())
        .append('\n');
    out.append("label space: ").append(index.labels().name()).append(" (")
        .append(index.labels().size()).append(index.labels().multiLabel()
            ? " attributes; counts are images with the attribute)" : " classes)").append('\n');
    if (!index.settings().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      index.settings().forEach((k, v) -> pairs.add(k + "=" + v));
      out.append("settings: ").append(String.join(" ", pairs)).append('\n');
    }
    out.append('\n').append(countTable(index)).append('\n');
    long missing = index.errors().stream()
        .filter(p -> p.kind() == Problem.Kind.MISSING_IMAGE).count();
    out.append("missing files: ").append(missing).append('\n');
    appendGroups(out, "problems (rows skipped)", index.errors(), index, examples);
    appendGroups(out, "excluded by the data set's protocol", index.excluded(), index, examples);
    return out.toString();
  }

  private static String countTable(DatasetIndex index) {
    List<String> splits = new ArrayList<>(index.splitNames());
    List<String> classes = index.labels().classes();
    int nameWidth = Math.max(5, classes.stream().mapToInt(String::length).max().orElse(5));
    int[] widths = splits.stream().mapToInt(s -> Math.max(6, s.length())).toArray();
    StringBuilder t = new StringBuilder(pad("class", nameWidth));
    for (int i = 0; i < splits.size(); i++) {
      t.append("  ").append(padLeft(splits.get(i), widths[i]));
    }
    t.append('\n');
    List<int[]> counts = splits.stream().map(index::classCounts).toList();
    for (int c = 0; c < classes.size(); c++) {
      t.append(pad(classes.get(c), nameWidth));
      for (int i = 0; i < splits.size(); i++) {
        t.append("  ").append(padLeft(Integer.toString(counts.get(i)[c]), widths[i]));
      }
      t.append('\n');
    }
    t.append(pad(index.labels().multiLabel() ? "images" : "total", nameWidth));
    for (int i = 0; i < splits.size(); i++) {
      t.append("  ").append(padLeft(Integer.toString(index.split(splits.get(i)).size()),
          widths[i]));
    }
    return t.append('\n').toString();
  }

  private static void appendGroups(StringBuilder out, String title, List<Problem> problems,
      DatasetIndex index, int examples) {
    out.append(title).append(": ").append(problems.size()).append('\n');
    Map<String, List<Problem>> byReason = new LinkedHashMap<>();
    for (Problem p : problems) {
      byReason.computeIfAbsent(p.reason(), r -> new ArrayList<>()).add(p);
    }
    byReason.forEach((reason, list) -> {
      out.append(String.format(Locale.ROOT, "  %s: %d%n", reason, list.size()));
      for (Problem p : list.subList(0, Math.min(examples, list.size()))) {
        out.append("    ").append(location(p, index)).append(p.detail().isEmpty() ? ""
            : "  " + p.detail()).append('\n');
      }
      if (list.size() > examples) {
        out.append("    ... ").append(list.size() - examples).append(" more\n");
      }
    });
  }

  private static String location(Problem p, DatasetIndex index) {
    String shown = p.file().startsWith(index.root()) && !p.file().equals(index.root())
        ? index.root().relativize(p.file()).toString() : p.file().toString();
    return p.line() > 0 ? shown + ":" + p.line() : shown;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String padLeft(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
