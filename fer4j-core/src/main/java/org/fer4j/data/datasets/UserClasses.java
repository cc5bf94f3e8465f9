package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;

/**
 * The label space of a user's own data set: the class names given with {@code classes=a,b,c}
 * (in that order), or else the names found, sorted (torchvision's ImageFolder order).
 */
final class UserClasses {
  static final String SETTING = "classes";

  private UserClasses() {}

  static LabelSpace space(String name, ReaderOptions options, Collection<String> found) {
    String given = options.setting(SETTING, "");
    List<String> names = given.isBlank() ? List.copyOf(new TreeSet<>(found))
        : Arrays.stream(given.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (names.isEmpty()) {
      throw FerException.badInput(name + ": no classes found; give class folders or rows, or name"
          + " the classes with --set classes=a,b,c");
    }
    if (new TreeSet<>(names).size() != names.size()) {
      throw FerException.badInput(name + ": setting classes=" + given + " repeats a name");
    }
    return new LabelSpace(name, names, false);
  }

  /** The index of {@code className} (exact match), or -1 after reporting it as unknown. */
  static int label(ReadContext ctx, LabelSpace space, String className, Path file, int line) {
    int i = space.classes().indexOf(className.trim());
    if (i < 0) {
      ctx.problem(file, line, Problem.Kind.UNKNOWN_LABEL, "unknown label",
          "'" + className.trim() + "' (valid: " + String.join(", ", space.classes()) + ")");
    }
    return i;
  }
}
