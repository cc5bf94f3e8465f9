package org.fer4j.data.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.datasets.labels.LabelTable;

/**
 * The state of one {@link DatasetReader#read} call: collects problems (or, in strict mode, stops
 * at the first defect), checks images and finds the data set's files. Not thread-safe.
 */
public final class ReadContext {
  private final String dataset;
  private final Path root;
  private final ReaderOptions options;
  private final List<Problem> problems = new ArrayList<>();
  /** Decode results by path ("" = decodes), so a clip listed in five folds is decoded once. */
  private final Map<Path, String> decoded = new HashMap<>();

  /**
   * @param dataset the data set's display name for messages, e.g. {@code RAF-DB}
   * @param root the folder the user pointed at
   */
  public ReadContext(String dataset, Path root, ReaderOptions options) {
    if (!Files.isDirectory(root)) {
      throw FerException.notFound(
          dataset + ": " + root + " is not a folder; point DIR at the unpacked data set");
    }
    this.dataset = dataset;
    this.root = root;
    this.options = options;
  }

  public Path root() {
    return root;
  }

  public ReaderOptions options() {
    return options;
  }

  public List<Problem> problems() {
    return problems;
  }

  /**
   * Records a defect. In strict mode it becomes a {@link FerException} that names the file, line
   * and the way out.
   */
  public void problem(Path file, int line, Problem.Kind kind, String reason, String detail) {
    Problem p = new Problem(file, line, kind, reason, detail);
    if (options.strict() && kind.isError()) {
      throw FerException.badInput(
          dataset + ": " + p.message() + " (strict mode stops at the first problem; fix it, or"
              + " run without --strict to skip such rows and count them)");
    }
    problems.add(p);
  }

  /** Records a row the protocol leaves out; never an error, even in strict mode. */
  public void exclude(Path file, int line, String reason, String detail) {
    problems.add(new Problem(file, line, Problem.Kind.EXCLUDED, reason, detail));
  }

  /** A malformed line: {@code detail} says what was expected. */
  public void malformed(Path file, int line, String detail) {
    problem(file, line, Problem.Kind.MALFORMED, "malformed line", detail);
  }

  /**
   * Maps a native label code into {@code space}. Unknown codes become problems, codes the
   * protocol drops (or whose class is not in {@code space}) become exclusions.
   *
   * @return the class index in {@code space}, or -1 when the row must be skipped
   */
  public int label(LabelTable table, LabelSpace space, String code, Path file, int line) {
    String name = table.canonicalName(code);
    if (name == null) {
      String why = table.exclusion(code);
      if (why != null) {
        exclude(file, line, why, "label " + code.trim());
      } else {
        problem(file, line, Problem.Kind.UNKNOWN_LABEL, "unknown label",
            "'" + code.trim() + "' (valid: " + table.validCodes() + ")");
      }
      return -1;
    }
    int index = space.classes().indexOf(name);
    if (index < 0) {
      exclude(file, line, "class not in the " + space.size() + "-class space", name);
    }
    return index;
  }

  /**
   * True when {@code image} exists (and, with {@code checkImages}, decodes); otherwise records a
   * problem against the annotation {@code file} and {@code line} that named it.
   */
  public boolean imageUsable(Path image, Path file, int line) {
    if (!Files.isRegularFile(image)) {
      problem(file, line, Problem.Kind.MISSING_IMAGE, "image not found", shown(image));
      return false;
    }
    if (options.checkImages()) {
      String failure = decoded.computeIfAbsent(image, p -> {
        String why = decodeFailure(p);
        return why == null ? "" : why;
      });
      if (!failure.isEmpty()) {
        problem(file, line, Problem.Kind.UNREADABLE_IMAGE, "image does not decode",
            shown(image) + " (" + failure + ")");
        return false;
      }
    }
    return true;
  }

  /** Why {@code image} does not decode, or null when it does. */
  static String decodeFailure(Path image) {
    try {
      BufferedImage decoded = ImageIO.read(image.toFile());
      return decoded == null ? "not a JPEG, PNG or BMP image" : null;
    } catch (IOException | RuntimeException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  /** The path relative to the data set root when inside it, for shorter messages. */
  public String shown(Path path) {
    return path.startsWith(root) && !path.equals(root)
        ? root.relativize(path).toString()
        : path.toString();
  }

  /**
   * The first of {@code candidates} (paths relative to the root) that exists; none existing is a
   * {@link FerException} listing them and saying what the file is.
   */
  public Path locate(String what, String... candidates) {
    for (String c : candidates) {
      Path p = root.resolve(c).normalize();
      if (Files.exists(p)) {
        return p;
      }
    }
    throw FerException.notFound(
        dataset + ": cannot find " + what + " under " + root + "; looked for "
            + Arrays.stream(candidates).collect(Collectors.joining(", "))
            + ". Point DIR at the folder that holds it (see docs/datasets.md)");
  }

  /** Like {@link #locate} but returns null when none exists. */
  public Path find(String... candidates) {
    for (String c : candidates) {
      Path p = root.resolve(c).normalize();
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }
}
