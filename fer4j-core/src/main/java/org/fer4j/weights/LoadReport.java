package org.fer4j.weights;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link WeightLoader} did with a file. Non-strict loading skips the problem tensors and lists
 * them here; strict loading throws with the same lists instead.
 *
 * @param file the weights file
 * @param format the name convention used ({@code torchvision} or {@code timm})
 * @param loaded parameter names (torchvision-style) that received values
 * @param ignored file tensors that carry no parameter (e.g. {@code num_batches_tracked})
 * @param missing parameters of the model that the file lacks (left as initialised)
 * @param unexpected file tensors that match no parameter, with the mapped name when it differs
 * @param shapeMismatches parameters whose file tensor has another shape, with both shapes
 */
public record LoadReport(
    Path file,
    String format,
    List<String> loaded,
    List<String> ignored,
    List<String> missing,
    List<String> unexpected,
    List<String> shapeMismatches) {

  public LoadReport {
    loaded = List.copyOf(loaded);
    ignored = List.copyOf(ignored);
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
    shapeMismatches = List.copyOf(shapeMismatches);
  }

  /** True when every parameter was loaded and every file tensor was used (or ignored by design). */
  public boolean complete() {
    return missing.isEmpty() && unexpected.isEmpty() && shapeMismatches.isEmpty();
  }

  /** The problem lists, one line each, empty lines left out; the same text strict mode throws. */
  public String problems() {
    StringBuilder sb = new StringBuilder();
    appendList(sb, "missing from the file", missing);
    appendList(sb, "unexpected in the file", unexpected);
    appendList(sb, "with another shape", shapeMismatches);
    return sb.toString();
  }

  /** One line of counts, then the problem lists. */
  public String summary() {
    String head =
        "loaded " + loaded.size() + " tensors from " + file + " (" + format + " names)"
            + (ignored.isEmpty() ? "" : ", ignored " + ignored.size() + " (" + ignoredKinds() + ")");
    String problems = problems();
    return problems.isEmpty() ? head : head + "; skipped:\n" + problems;
  }

  private String ignoredKinds() {
    return ignored.stream()
        .map(k -> k.substring(k.lastIndexOf('.') + 1))
        .distinct()
        .sorted()
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private static void appendList(StringBuilder sb, String what, List<String> names) {
    if (!names.isEmpty()) {
      sb.append("  ").append(names.size()).append(' ').append(what).append(": ");
      sb.append(String.join(", ", names)).append('\n');
    }
  }
}
