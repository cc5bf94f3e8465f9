package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fer4j.FerException;

/** The readers by format name, and the checked entry point {@link #read}. */
public final class DatasetReaders {
  private static final Map<String, DatasetReader> READERS = new LinkedHashMap<>();

  static {
    for (DatasetReader r : List.of(
        new RafDbReader(), new FerPlusReader(), new AffectNetReader(), new CelebAReader(),
        new DfewReader(), new Ferv39kReader(), new FedRoReader(), new SfewReader(),
        new CkPlusReader(), new ImageFolderReader(), new CsvReader())) {
      READERS.put(r.format(), r);
    }
  }

  private DatasetReaders() {}

  /** Every reader, in listing order. */
  public static List<DatasetReader> all() {
    return List.copyOf(READERS.values());
  }

  /** Format names, in listing order. */
  public static Set<String> names() {
    return READERS.keySet();
  }

  /** The reader for {@code format} (case-insensitive); unknown names list the valid ones. */
  public static DatasetReader get(String format) {
    DatasetReader reader = READERS.get(format.trim().toLowerCase(Locale.ROOT));
    if (reader == null) {
      throw FerException.badInput(
          "unknown data set format '" + format + "'; valid: " + String.join(", ", names()));
    }
    return reader;
  }

  /**
   * Reads {@code root} with the named reader after checking that every setting in {@code options}
   * is one the reader knows.
   */
  public static DatasetIndex read(String format, Path root, ReaderOptions options) {
    DatasetReader reader = get(format);
    Set<String> unknown = new TreeSet<>(options.settings().keySet());
    unknown.removeAll(reader.settings().keySet());
    if (!unknown.isEmpty()) {
      throw FerException.badInput("format " + reader.format() + " has no setting " + unknown
          + (reader.settings().isEmpty() ? "; it takes none"
              : "; valid: " + new TreeSet<>(reader.settings().keySet())));
    }
    return reader.read(root, options);
  }
}
