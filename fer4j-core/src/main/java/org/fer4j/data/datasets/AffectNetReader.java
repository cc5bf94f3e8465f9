package org.fer4j.data.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.AffectNetLabels;

/**
 * AffectNet (Mollahosseini et al., IEEE TAC 2017) in either release layout:
 *
 * <ul>
 *   <li>{@code csv}: {@code Manually_Annotated_file_lists/{training,validation}.csv} with columns
 *       {@code subDirectory_filePath,face_x,face_y,face_width,face_height,facial_landmarks,
 *       expression,valence,arousal}; images under {@code Manually_Annotated_Images/}; the face
 *       box goes into {@link Sample#box()} so the pipeline crops it.
 *   <li>{@code npy}: {@code {train,val}_set/images/<id>.jpg} with the label in
 *       {@code annotations/<id>_exp.npy}; images are already face crops.
 * </ul>
 *
 * The official validation set is the test set (split {@code test}). Codes 8-10 (None, Uncertain,
 * No-Face), and Contempt in the 7-class space, are dropped and counted. For the imbalanced
 * training split use {@link ClassBalance#weights}.
 */
public final class AffectNetReader extends AbstractDatasetReader {
  private static final String LISTS = "Manually_Annotated_file_lists";

  public AffectNetReader() {
    super("affectnet",
        "AffectNet: Manually_Annotated_file_lists/*.csv or"
            + " {train,val}_set/annotations/*_exp.npy",
        Map.of(
            "classes", "7 (default) or 8 (adds Contempt)",
            "layout", "auto (default), csv or npy",
            "images", "csv layout: image folder relative to DIR (default: Manually_Annotated_Images)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("AffectNet", root, options);
    LabelSpace space = LabelSpace.expressions(options.intSetting("classes", 7));
    String layout = options.choice("layout", "auto", "auto", "csv", "npy");
    if (layout.equals("auto")) {
      layout = ctx.find(LISTS) != null ? "csv" : ctx.find("train_set", "val_set") != null ? "npy"
          : "csv";
    }
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .split("train").split("test")
        .setting("classes", Integer.toString(space.size())).setting("layout", layout);
    if (layout.equals("csv")) {
      Path images = root.resolve(options.setting("images", imageFolder(ctx)));
      readCsv(ctx, ctx.locate("the training list", LISTS + "/training.csv"), images, "train",
          space, index);
      readCsv(ctx, ctx.locate("the validation list", LISTS + "/validation.csv"), images, "test",
          space, index);
    } else {
      readNpy(ctx, ctx.locate("train_set/annotations", "train_set/annotations"), "train", space,
          index);
      readNpy(ctx, ctx.locate("val_set/annotations", "val_set/annotations"), "test", space, index);
    }
    return index.problems(ctx.problems()).build();
  }

  private static String imageFolder(ReadContext ctx) {
    for (String c : List.of("Manually_Annotated_Images",
        "Manually_Annotated/Manually_Annotated_Images",
        "Manually_Annotated_compressed/Manually_Annotated_Images")) {
      if (ctx.find(c) != null) {
        return c;
      }
    }
    return "Manually_Annotated_Images";
  }

  private static void readCsv(ReadContext ctx, Path list, Path images, String split,
      LabelSpace space, DatasetIndex.Builder index) {
    TextLines.forEach(list, (line, text) -> {
      if ((line == 1 && text.startsWith("subDirectory_filePath")) || text.isBlank()) {
        return;
      }
      List<String> f = TextLines.splitCsvLenient(text);
      if (f.size() < 7) {
        ctx.malformed(list, line, "expected subDirectory_filePath,face_x,face_y,face_width,"
            + "face_height,facial_landmarks,expression,..., got " + f.size() + " fields");
        return;
      }
      FaceBox box = faceBox(f);
      if (box == null) {
        ctx.malformed(list, line, "face box '" + String.join(",", f.subList(1, 5))
            + "' is not four numbers with positive width and height");
        return;
      }
      int label = ctx.label(AffectNetLabels.TABLE, space, f.get(6), list, line);
      if (label < 0) {
        return;
      }
      Path image = images.resolve(f.get(0).trim());
      if (ctx.imageUsable(image, list, line)) {
        index.add(split, new Sample(f.get(0).trim(), List.of(new ImageRef.File(image)), label,
            null, Float.NaN, box, split, null));
      }
    });
  }

  private static FaceBox faceBox(List<String> f) {
    try {
      float x = Float.parseFloat(f.get(1).trim());
      float y = Float.parseFloat(f.get(2).trim());
      float w = Float.parseFloat(f.get(3).trim());
      float h = Float.parseFloat(f.get(4).trim());
      return w > 0 && h > 0 ? new FaceBox(x, y, w, h) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void readNpy(ReadContext ctx, Path annotations, String split, LabelSpace space,
      DatasetIndex.Builder index) {
    Path images = annotations.resolveSibling("images");
    List<Path> files;
    try (Stream<Path> s = Files.list(annotations)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("_exp.npy"))
          .sorted((a, b) -> FrameFolders.NATURAL_ORDER.compare(
              a.getFileName().toString(), b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + annotations, e);
    }
    for (Path npy : files) {
      String name = npy.getFileName().toString();
      String id = name.substring(0, name.length() - "_exp.npy".length());
      String code;
      try {
        code = Npy.readScalar(npy);
      } catch (IOException | IllegalArgumentException e) {
        ctx.problem(npy, 0, Problem.Kind.MALFORMED, "unreadable label file", e.getMessage());
        continue;
      }
      int label = ctx.label(AffectNetLabels.TABLE, space, code, npy, 0);
      if (label < 0) {
        continue;
      }
      Path image = images.resolve(id + ".jpg");
      if (ctx.imageUsable(image, npy, 0)) {
        index.add(split, Sample.image(id, new ImageRef.File(image), label, split));
      }
    }
  }
}
