package org.fer4j.data.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fer4j.data.ImageRef;

/** Lists image files in folders, in the order a person would read the names. */
public final class FrameFolders {
  /** Compares names piecewise: digit runs by value, the rest as text (f2 before f10). */
  public static final Comparator<String> NATURAL_ORDER = FrameFolders::compareNatural;

  private FrameFolders() {}

  /** True for the image types the pipeline decodes: JPEG, PNG, BMP. */
  public static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".")
        && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")
            || name.endsWith(".bmp"));
  }

  /** The image files directly in {@code folder}, natural order; empty when it does not exist. */
  public static List<Path> images(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> Files.isRegularFile(f) && isImage(f))
          .sorted(Comparator.comparing(f -> f.getFileName().toString(), NATURAL_ORDER))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The frames of a clip folder as image references, natural order. */
  public static List<ImageRef> frames(Path folder) {
    return images(folder).stream().<ImageRef>map(ImageRef.File::new).toList();
  }

  /** The sub-folders of {@code folder}, natural order; hidden ones are left out. */
  public static List<Path> subfolders(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isDirectory)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(f -> f.getFileName().toString(), NATURAL_ORDER))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        String na = stripZeros(a.substring(i, ei));
        String nb = stripZeros(b.substring(j, ej));
        int cmp = na.length() != nb.length() ? na.length() - nb.length() : na.compareTo(nb);
        if (cmp != 0) {
          return cmp;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int rest = (a.length() - i) - (b.length() - j);
    return rest != 0 ? rest : a.compareTo(b);
  }

  private static int digitsEnd(String s, int from) {
    int k = from;
    while (k < s.length() && Character.isDigit(s.charAt(k))) {
      k++;
    }
    return k;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
