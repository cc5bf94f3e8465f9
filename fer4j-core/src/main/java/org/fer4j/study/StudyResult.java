package org.fer4j.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;

/**
 * The outcome of one (method, seed) run of the SynthFER study; one row of the per-run CSV.
 * Accuracies are fractions in [0,1]; a value that does not apply (occluded accuracy of a clip
 * model, intensity bins of an image model) is NaN and written as an empty cell.
 *
 * @param method {@link StudyMethod#key()}
 * @param seed training seed
 * @param epochs epochs trained
 * @param seconds wall time of the training epochs (their own seconds in metrics.csv, so a resumed run
 *     counts only the time it trained) and of the evaluation; model set-up is not counted
 * @param cleanWar accuracy on the clean test split
 * @param cleanUar mean class recall on the clean test split
 * @param occludedWar accuracy on the occluded (FED-RO layout) test split
 * @param occludedUar mean class recall on the occluded test split
 * @param bins accuracy by clip intensity bin ({@link IntensityBins#NAMES}), NaN where empty
 * @param runDir the training run's directory (relative to the study folder)
 */
public record StudyResult(String method, long seed, int epochs, double seconds, double cleanWar,
    double cleanUar, double occludedWar, double occludedUar, Map<String, Double> bins, String runDir) {

  /** The CSV header, matching {@link #toCsv()}. */
  public static final String HEADER = "method,seed,epochs,seconds,clean_war,clean_uar,occluded_war,occluded_uar,"
      + "int_neutral,int_low,int_mid,int_high,run_dir";

  public StudyResult {
    Map<String, Double> b = new LinkedHashMap<>();
    for (String name : IntensityBins.NAMES) {
      b.put(name, bins.getOrDefault(name, Double.NaN));
    }
    bins = java.util.Collections.unmodifiableMap(b);
  }

  /** The metric called {@code column} in {@link #HEADER} (e.g. {@code clean_war}, {@code int_low}). */
  public double metric(String column) {
    return switch (column) {
      case "clean_war" -> cleanWar;
      case "clean_uar" -> cleanUar;
      case "occluded_war" -> occludedWar;
      case "occluded_uar" -> occludedUar;
      case "seconds" -> seconds;
      default -> {
        if (column.startsWith("int_") && bins.containsKey(column.substring(4))) {
          yield bins.get(column.substring(4));
        }
        throw new IllegalArgumentException("no study metric " + column);
      }
    };
  }

  /** One CSV line (no newline). */
  public String toCsv() {
    List<String> cells = new ArrayList<>(List.of(method, Long.toString(seed), Integer.toString(epochs),
        cell(seconds), cell(cleanWar), cell(cleanUar), cell(occludedWar), cell(occludedUar)));
    IntensityBins.NAMES.forEach(n -> cells.add(cell(bins.get(n))));
    cells.add(runDir);
    return String.join(",", cells);
  }

  /** Parses a line written by {@link #toCsv()}; {@code where} names the file and line for errors. */
  public static StudyResult parse(String line, String where) {
    String[] f = line.split(",", -1);
    if (f.length != HEADER.split(",").length) {
      throw FerException.badInput(where + ": expected " + HEADER.split(",").length + " cells (" + HEADER
          + "), got " + f.length + "; delete the file to run that training again");
    }
    try {
      Map<String, Double> bins = new LinkedHashMap<>();
      for (int i = 0; i < IntensityBins.NAMES.size(); i++) {
        bins.put(IntensityBins.NAMES.get(i), number(f[8 + i]));
      }
      return new StudyResult(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]), number(f[3]),
          number(f[4]), number(f[5]), number(f[6]), number(f[7]), bins, f[12]);
    } catch (NumberFormatException e) {
      throw FerException.badInput(where + ": " + e.getMessage() + " in '" + line
          + "'; delete the file to run that training again");
    }
  }

  private static String cell(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static double number(String s) {
    return s.isBlank() ? Double.NaN : Double.parseDouble(s);
  }
}
