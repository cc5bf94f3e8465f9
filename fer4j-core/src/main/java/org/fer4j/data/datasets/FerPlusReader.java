package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.FerPlusLabels;

/**
 * FERPlus (arXiv 1608.01041): the votes of {@code fer2013new.csv} ({@code microsoft/FERPlus})
 * over the pixels of Kaggle's {@code fer2013.csv} (48x48 grayscale as text), matched row by row.
 * Usage Training/PublicTest/PrivateTest become train/val/test. Images have no file: they become
 * {@link ImageRef.Pixels} with origin {@code fer2013.csv:LINE}.
 *
 * <p>Modes: {@code majority} gives hard labels by the FERPlus majority rule; {@code probability}
 * and {@code crossentropy} both give the FERPlus processed vote distribution in
 * {@link Sample#target()} (canonical class order) with the arg-max as label. As in FERPlus they
 * differ only in training: probability draws a hard label from the target each step,
 * crossentropy trains on the target itself; the mode is kept in {@link DatasetIndex#settings()}.
 */
public final class FerPlusReader extends AbstractDatasetReader {
  private static final int SIDE = 48;
  private static final int COLUMNS = 2 + FerPlusLabels.COLUMNS.size();

  private record VoteRow(int line, String usage, String name, float[] votes) {}

  public FerPlusReader() {
    super("ferplus",
        "FERPlus: fer2013new.csv votes + Kaggle fer2013.csv pixels",
        Map.of(
            "mode", "majority (default), probability or crossentropy",
            "classes", "8 (default) or 7 (drops Contempt)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("FERPlus", root, options);
    String mode = options.choice("mode", "majority", "majority", "probability", "crossentropy");
    LabelSpace space = LabelSpace.expressions(options.intSetting("classes", 8));
    Path votesFile = ctx.locate("fer2013new.csv (from microsoft/FERPlus)",
        "fer2013new.csv", "FERPlus/fer2013new.csv", "data/fer2013new.csv");
    Path pixelsFile = ctx.locate("fer2013.csv (Kaggle FER2013 release)",
        "fer2013.csv", "fer2013/fer2013.csv", "data/fer2013.csv");
    List<VoteRow> votes = readVotes(ctx, votesFile);
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .split("train").split("val").split("test")
        .setting("mode", mode).setting("classes", Integer.toString(space.size()));
    int[] row = {0};
    TextLines.forEach(pixelsFile, (line, text) -> {
      if (line == 1 && text.startsWith("emotion")) {
        return;
      }
      if (text.isBlank()) {
        return;
      }
      VoteRow v = row[0] < votes.size() ? votes.get(row[0]) : null;
      row[0]++;
      if (v == null) {
        ctx.malformed(pixelsFile, line, "no matching row in " + votesFile.getFileName()
            + " (it has " + votes.size() + " rows); the two files must come from the same release");
        return;
      }
      Sample s = sample(ctx, v, votesFile, pixelsFile, line, text, mode, space);
      if (s != null) {
        index.add(s.split(), s);
      }
    });
    for (int i = row[0]; i < votes.size(); i++) {
      ctx.malformed(votesFile, votes.get(i).line(), "no pixel row in " + pixelsFile.getFileName()
          + " for this row; the two files must come from the same release");
    }
    return index.problems(ctx.problems()).build();
  }

  private static List<VoteRow> readVotes(ReadContext ctx, Path file) {
    List<VoteRow> rows = new ArrayList<>();
    TextLines.forEach(file, (line, text) -> {
      if (line == 1 && text.startsWith("Usage")) {
        return;
      }
      if (text.isBlank()) {
        return;
      }
      List<String> f = TextLines.splitCsvLenient(text);
      float[] votes = new float[FerPlusLabels.COLUMNS.size()];
      if (f.size() == COLUMNS && parseVotes(f, votes)) {
        rows.add(new VoteRow(line, f.get(0).trim(), f.get(1).trim(), votes));
      } else {
        ctx.malformed(file, line, "expected Usage, Image name and " + votes.length
            + " vote counts, got '" + text.strip() + "'");
        rows.add(new VoteRow(line, "", "", null)); // keep the row order aligned with fer2013.csv
      }
    });
    return rows;
  }

  private static boolean parseVotes(List<String> fields, float[] votes) {
    try {
      for (int i = 0; i < votes.length; i++) {
        votes[i] = Float.parseFloat(fields.get(2 + i).trim());
        if (votes[i] < 0 || Float.isNaN(votes[i])) {
          return false;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private Sample sample(ReadContext ctx, VoteRow v, Path votesFile, Path pixelsFile, int line,
      String text, String mode, LabelSpace space) {
    if (v.votes() == null) {
      return null; // already reported
    }
    String split = switch (v.usage()) {
      case "Training" -> "train";
      case "PublicTest" -> "val";
      case "PrivateTest" -> "test";
      default -> null;
    };
    if (split == null) {
      ctx.malformed(votesFile, v.line(),
          "Usage '" + v.usage() + "' is not Training, PublicTest or PrivateTest");
      return null;
    }
    if (v.name().isEmpty()) {
      ctx.exclude(votesFile, v.line(), "no image name (FERPlus has no image for this row)", "");
      return null;
    }
    float[] target = mode.equals("majority") ? null : FerPlusVotes.distribution(v.votes());
    int column = mode.equals("majority") ? FerPlusVotes.majority(v.votes()) : argmax(target);
    if (column < 0) {
      ctx.exclude(votesFile, v.line(), "no clear winner by the FERPlus " + mode + " rule", "");
      return null;
    }
    int label = ctx.label(FerPlusLabels.TABLE, space, FerPlusLabels.COLUMNS.get(column),
        votesFile, v.line());
    if (label < 0) {
      return null;
    }
    byte[] pixels = parsePixels(ctx, pixelsFile, line, text);
    if (pixels == null) {
      return null;
    }
    ImageRef image = new ImageRef.Pixels(SIDE, SIDE, 1, pixels,
        pixelsFile.getFileName() + ":" + line);
    return new Sample(v.name(), List.of(image), label, canonical(target, space), Float.NaN, null,
        split, null);
  }

  private static int argmax(float[] p) {
    if (p == null) {
      return -1;
    }
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The emotion part of a column-order distribution, re-ordered into {@code space}. */
  private static float[] canonical(float[] columns, LabelSpace space) {
    if (columns == null) {
      return null;
    }
    float[] out = new float[space.size()];
    float sum = 0;
    for (int c = 0; c < FerPlusLabels.EMOTIONS; c++) {
      int k = space.classes().indexOf(
          FerPlusLabels.TABLE.canonicalName(FerPlusLabels.COLUMNS.get(c)));
      if (k >= 0) {
        out[k] = columns[c];
        sum += columns[c];
      }
    }
    for (int k = 0; k < out.length; k++) {
      out[k] /= sum;
    }
    return out;
  }

  private static byte[] parsePixels(ReadContext ctx, Path file, int line, String text) {
    List<String> f = TextLines.splitCsvLenient(text);
    if (f.size() != 3) {
      ctx.malformed(file, line, "expected emotion,pixels,Usage with " + SIDE * SIDE
          + " pixel values, got " + f.size() + " fields");
      return null;
    }
    // Parsed by hand: 35,887 rows of 2,304 numbers would otherwise make 80 million Strings.
    String values = f.get(1);
    byte[] pixels = new byte[SIDE * SIDE];
    int count = 0;
    int i = 0;
    while (i < values.length()) {
      char c = values.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int end = i;
      int value = 0;
      while (end < values.length() && values.charAt(end) != ' ' && values.charAt(end) != '\t') {
        char d = values.charAt(end);
        value = d >= '0' && d <= '9' && value <= 255 ? value * 10 + (d - '0') : 256;
        end++;
      }
      if (value > 255) {
        ctx.malformed(file, line, "pixel " + (count + 1) + " is '" + values.substring(i, end)
            + "', not 0..255");
        return null;
      }
      if (count < pixels.length) {
        pixels[count] = (byte) value;
      }
      count++;
      i = end;
    }
    if (count != pixels.length) {
      ctx.malformed(file, line, "expected emotion,pixels,Usage with " + SIDE * SIDE
          + " pixel values, got " + count + " values");
      return null;
    }
    return pixels;
  }
}
