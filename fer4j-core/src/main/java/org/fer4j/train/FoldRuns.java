package org.fer4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fer4j.FerException;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.io.AtomicFiles;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainedModel;

/**
 * Cross-validation runs: one run per fold in {@code runs/<name>-<time>/fold-N/}, plus {@code
 * folds.json} in the parent (the base config and the fold numbers) so a killed protocol can be
 * resumed and evaluated. A fold is chosen with the reader's {@code fold} setting: DFEW's official
 * five folds, CK+'s seeded subject-independent folds ({@code SubjectFolds}).
 */
public final class FoldRuns {
  /** The plan file in a protocol's parent folder. */
  public static final String PLAN = "folds.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FoldRuns() {}

  /** A protocol's base config and folds. */
  public record Plan(TrainConfig base, List<Integer> folds) {}

  /** "1-5", "1,3,5" or "2" to fold numbers (sorted, distinct, each >= 1). */
  public static List<Integer> parse(String spec) {
    TreeSet<Integer> out = new TreeSet<>();
    try {
      for (String part : spec.split(",")) {
        String p = part.trim();
        int dash = p.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
        int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
        if (from < 1 || to < from) {
          throw new NumberFormatException();
        }
        for (int k = from; k <= to; k++) {
          out.add(k);
        }
      }
    } catch (NumberFormatException e) {
      throw FerException.badInput("--folds '" + spec + "' is not a fold list; write e.g. 1-5 or 1,3,5 (folds count from 1)");
    }
    return List.copyOf(out);
  }

  /** The run directory of fold k. */
  public static Path foldDir(Path parent, int fold) {
    return parent.resolve("fold-" + fold);
  }

  /** True when {@code dir} is a protocol's parent (a plan file, or fold-N run folders). */
  public static boolean isParent(Path dir) {
    return Files.isRegularFile(dir.resolve(PLAN)) || !existingFolds(dir).isEmpty();
  }

  /** Fold numbers that have a run directory under {@code parent}, sorted. */
  public static List<Integer> existingFolds(Path parent) {
    List<Integer> out = new ArrayList<>();
    if (!Files.isDirectory(parent)) {
      return out;
    }
    try (var s = Files.list(parent)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.matches("fold-\\d+") && TrainedModel.isRunDirectory(p)) {
          out.add(Integer.parseInt(n.substring(5)));
        }
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + parent, e);
    }
    out.sort(null);
    return out;
  }

  /** The config of one fold: the base with the reader's {@code fold} setting. */
  public static TrainConfig forFold(TrainConfig base, int fold) {
    String format = base.data().format();
    if (!DatasetReaders.get(format).settings().containsKey("fold")) {
      throw FerException.badInput("data set format " + format + " has no folds (no 'fold' reader setting);"
          + " --folds works with dfew (5 folds) and ckplus (10 subject-independent folds)");
    }
    Map<String, String> options = new LinkedHashMap<>(base.data().options());
    options.put("fold", Integer.toString(fold));
    TrainConfig.DataConfig d = base.data();
    return base.withData(new TrainConfig.DataConfig(d.format(), d.root(), options, d.inputSize(), d.frames(),
        d.valFraction()));
  }

  /** Creates {@code runsDir/<name>-<time>/} and writes the plan into it. */
  public static Path createParent(Path runsDir, TrainConfig base, List<Integer> folds) throws IOException {
    folds.forEach(k -> forFold(base, k)); // fails early for a format without folds
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path parent = runsDir.resolve(base.name() + "-" + stamp);
    for (int i = 2; Files.exists(parent); i++) {
      parent = runsDir.resolve(base.name() + "-" + stamp + "-" + i);
    }
    Files.createDirectories(parent);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("folds", folds);
    doc.put("config", JSON.readTree(TrainConfigs.toJson(base)));
    AtomicFiles.writeString(parent.resolve(PLAN), JSON.writeValueAsString(doc));
    return parent;
  }

  /** Reads a parent's plan. */
  public static Plan readPlan(Path parent) throws IOException {
    Path f = parent.resolve(PLAN);
    if (!Files.isRegularFile(f)) {
      throw FerException.notFound(parent + " is not a cross-validation folder (no " + PLAN + ")");
    }
    JsonNode tree = JSON.readTree(f.toFile());
    List<Integer> folds = new ArrayList<>();
    tree.get("folds").forEach(n -> folds.add(n.asInt()));
    return new Plan(TrainConfigs.parse(tree.get("config").toString(), f.toString()), folds);
  }
}
