package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads one data set format exactly as its authors distribute it and maps its native labels into
 * fer4j's label spaces (docs/methods.md#label-spaces). Implementations are stateless and
 * thread-safe.
 */
public interface DatasetReader {

  /** The format name used on the command line, e.g. {@code rafdb}. */
  String format();

  /** One line for listings: the data set and its layout. */
  String description();

  /** Format-specific settings this reader accepts: key to a description with its default. */
  default Map<String, String> settings() {
    return Map.of();
  }

  /**
   * Reads the data set under {@code root}.
   *
   * @throws org.fer4j.FerException when a required file is missing, or in strict mode at the
   *     first defective row
   */
  DatasetIndex read(Path root, ReaderOptions options);
}
