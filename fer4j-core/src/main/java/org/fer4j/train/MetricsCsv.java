package org.fer4j.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;

/**
 * {@code metrics.csv}: one line per epoch, appended and flushed as soon as the epoch ends so a
 * crash loses nothing already written. On resume, {@link #truncateAfter} drops lines of epochs
 * that will be trained again.
 */
public final class MetricsCsv {
  private final Path file;
  private List<String> columns;

  public MetricsCsv(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Appends one epoch's values; the first call fixes the columns (header written once). */
  public synchronized void append(Map<String, Double> values) throws IOException {
    if (columns == null) {
      columns = Files.exists(file) && Files.size(file) > 0 ? header() : new ArrayList<>(values.keySet());
      if (!Files.exists(file) || Files.size(file) == 0) {
        Files.writeString(file, String.join(",", columns) + "\n", StandardCharsets.UTF_8);
      }
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      Double v = values.get(columns.get(i));
      line.append(i == 0 ? "" : ",").append(v == null || v.isNaN() ? "" : format(v));
    }
    Files.writeString(
        file, line.append('\n').toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND,
        StandardOpenOption.SYNC);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.6g", v);
  }

  private List<String> header() throws IOException {
    String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
    return new ArrayList<>(List.of(first.split(",")));
  }

  /** Every row read back, column name to value (empty cells are NaN). */
  public List<Map<String, Double>> read() throws IOException {
    List<Map<String, Double>> rows = new ArrayList<>();
    if (!Files.exists(file)) {
      return rows;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] cols = lines.get(0).split(",");
    for (int n = 1; n < lines.size(); n++) {
      String[] cells = lines.get(n).split(",", -1);
      if (cells.length != cols.length) {
        throw FerException.badInput(file + ":" + (n + 1) + ": expected " + cols.length + " cells, got " + cells.length);
      }
      Map<String, Double> row = new LinkedHashMap<>();
      for (int i = 0; i < cols.length; i++) {
        row.put(cols[i], cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Keeps the header and the rows whose {@code epoch} column is at most {@code lastEpoch}. */
  public synchronized void truncateAfter(int lastEpoch) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    List<Map<String, Double>> rows = read();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    StringBuilder kept = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).getOrDefault("epoch", Double.NaN) <= lastEpoch) {
        kept.append(lines.get(i + 1)).append('\n');
      }
    }
    org.fer4j.io.AtomicFiles.writeString(file, kept.toString());
    columns = null;
  }
}
