package org.fer4j.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands command-line inputs into image files: a file is itself, a folder is every image under
 * it (sorted), and an argument with {@code * ? [ {} is a glob matched under its fixed prefix. A
 * path that matches nothing is kept as is, so it produces a "does not exist" record.
 */
final class InputPaths {
  private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

  private InputPaths() {}

  /** The expanded files and whether any argument was a folder or glob (for the progress bar). */
  record Expansion(List<Path> files, boolean many) {}

  static Expansion expand(List<String> args) {
    List<Path> out = new ArrayList<>();
    boolean many = false;
    for (String arg : args) {
      if (isGlob(arg)) {
        many = true;
        out.addAll(glob(arg));
        continue;
      }
      Path p = Path.of(arg);
      if (Files.isDirectory(p)) {
        many = true;
        out.addAll(walk(p, null));
      } else {
        out.add(p);
      }
    }
    return new Expansion(out, many);
  }

  static boolean isGlob(String arg) {
    return arg.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static List<Path> glob(String pattern) {
    // The fixed prefix (folders before the first wildcard) is where the walk starts.
    String normalised = pattern.replace('\\', '/');
    int wildcard = 0;
    while (wildcard < normalised.length() && "*?[{".indexOf(normalised.charAt(wildcard)) < 0) {
      wildcard++;
    }
    int slash = normalised.lastIndexOf('/', wildcard);
    Path base = slash < 0 ? Path.of(".") : Path.of(normalised.substring(0, Math.max(slash, 1)));
    String rest = slash < 0 ? normalised : normalised.substring(slash + 1);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    List<Path> found = walk(base, p -> matcher.matches(base.relativize(p)));
    return found.isEmpty() ? List.of(Path.of(pattern)) : found;
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> filter) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> filter == null ? isImage(p) : filter.test(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(dir);
    }
  }

  static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
  }
}
