package org.fer4j.data.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.FedRoLabels;

/**
 * FED-RO, 400 faces with real occlusions, test only (Li et al., "Occlusion Aware Facial Expression
 * Recognition Using CNN With Attention Mechanism", IEEE TIP 2019; {@code mysee1989/PG-CNN}). Read
 * from a list file with lines {@code emotion/name.jpg} (as in
 * {@code 1980x/CFERNet:dataset/fedro_dataset.py}), or, without one, from the class folders
 * {@code neural(sic) happy sad surprise fear disgust anger}. Everything goes into split
 * {@code test}.
 */
public final class FedRoReader extends AbstractDatasetReader {

  public FedRoReader() {
    super("fedro",
        "FED-RO (test only): list of emotion/name.jpg lines, or the class folders",
        Map.of(
            "list", "list file relative to DIR (default: the only .txt in DIR; none: scan folders)",
            "images", "image folder relative to DIR that the list paths start from (default: DIR)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("FED-RO", root, options);
    Path images = ctx.locate("the image folder", options.setting("images", "."));
    LabelSpace space = LabelSpace.EXPRESSION_7;
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space).split("test");
    Path list = options.settings().containsKey("list")
        ? ctx.locate("the list file", options.setting("list", "")) : onlyTextFile(root);
    if (list != null) {
      index.setting("list", ctx.shown(list));
      TextLines.forEach(list, (line, text) -> {
        String rel = text.strip();
        if (rel.isEmpty()) {
          return;
        }
        int slash = rel.indexOf('/');
        if (slash <= 0 || slash == rel.length() - 1) {
          ctx.malformed(list, line, "expected 'emotion/name.jpg', got '" + rel + "'");
          return;
        }
        addImage(ctx, index, space, images.resolve(rel), rel.substring(0, slash), list, line);
      });
    } else {
      index.setting("list", "none (class folders)");
      for (Path folder : FrameFolders.subfolders(images)) {
        for (Path image : FrameFolders.images(folder)) {
          addImage(ctx, index, space, image, folder.getFileName().toString(), folder, 0);
        }
      }
    }
    return index.problems(ctx.problems()).build();
  }

  private static void addImage(ReadContext ctx, DatasetIndex.Builder index, LabelSpace space,
      Path image, String emotion, Path file, int line) {
    int label = ctx.label(FedRoLabels.TABLE, space, emotion, file, line);
    if (label >= 0 && ctx.imageUsable(image, file, line)) {
      String id = emotion + "/" + image.getFileName();
      index.add("test", Sample.image(id, new ImageRef.File(image), label, "test"));
    }
  }

  private static Path onlyTextFile(Path root) {
    List<Path> texts;
    try (Stream<Path> s = Files.list(root)) {
      texts = s.filter(p -> Files.isRegularFile(p)
          && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    if (texts.size() > 1) {
      throw FerException.badInput("FED-RO: " + root + " holds several .txt files " + texts.stream()
          .map(p -> p.getFileName().toString()).sorted().toList()
          + "; choose the list with --set list=NAME");
    }
    return texts.isEmpty() ? null : texts.get(0);
  }
}
