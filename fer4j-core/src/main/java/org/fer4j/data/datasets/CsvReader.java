package org.fer4j.data.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;

/**
 * A user's own labels in a CSV file: {@code path,label} or {@code path,label,split} per line, an
 * optional header starting with {@code path}, image paths relative to the CSV's folder (or
 * absolute), class names chosen by the user. Splits are train (the default), val and test.
 */
public final class CsvReader extends AbstractDatasetReader {
  private static final Set<String> SPLITS = Set.of("train", "val", "test");

  private record Row(int line, String path, String label, String split) {}

  public CsvReader() {
    super("csv",
        "your own CSV: path,label[,split] lines (file=labels.csv in DIR)",
        Map.of(
            "file", "the CSV file relative to DIR (default: labels.csv)",
            UserClasses.SETTING, "class names in label order (default: the labels found, sorted)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    Path dir = Files.isRegularFile(root) ? root.toAbsolutePath().getParent() : root;
    ReadContext ctx = new ReadContext("csv", dir, options);
    Path csv = Files.isRegularFile(root) ? root
        : ctx.locate("the label file", options.setting("file", "labels.csv"));
    List<Row> rows = new ArrayList<>();
    TextLines.forEach(csv, (line, text) -> {
      List<String> f = TextLines.splitCsvLenient(text);
      if (text.isBlank() || (line == 1 && !f.isEmpty()
          && f.get(0).trim().toLowerCase(Locale.ROOT).equals("path"))) {
        return;
      }
      String split = f.size() == 3 ? f.get(2).trim().toLowerCase(Locale.ROOT) : "train";
      if (f.size() < 2 || f.size() > 3 || f.get(0).isBlank() || f.get(1).isBlank()) {
        ctx.malformed(csv, line, "expected 'path,label' or 'path,label,split', got '"
            + text.strip() + "'");
      } else if (!SPLITS.contains(split)) {
        ctx.malformed(csv, line, "split '" + f.get(2).trim() + "' is not train, val or test");
      } else {
        rows.add(new Row(line, f.get(0).trim(), f.get(1).trim(), split));
      }
    });
    Set<String> found = new LinkedHashSet<>();
    rows.forEach(r -> found.add(r.label()));
    LabelSpace space = UserClasses.space("csv", options, found);
    DatasetIndex.Builder index = DatasetIndex.builder(format(), dir, space)
        .setting("file", ctx.shown(csv))
        .setting(UserClasses.SETTING, String.join(",", space.classes()));
    Path base = csv.toAbsolutePath().getParent();
    for (Row r : rows) {
      int label = UserClasses.label(ctx, space, r.label(), csv, r.line());
      Path image = base.resolve(r.path());
      if (label >= 0 && ctx.imageUsable(image, csv, r.line())) {
        index.add(r.split(), Sample.image(r.path(), new ImageRef.File(image), label, r.split()));
      }
    }
    return index.problems(ctx.problems()).build();
  }
}
