package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.io.AtomicFiles;
import org.fer4j.data.PreprocessConfig;

/**
 * Explains image files in batches and writes one overlay PNG per image plus a contact sheet. A file
 * that cannot be read is reported and counted; the others go on.
 *
 * @param cam the explainer (model, method, layer)
 * @param preprocess how images become model input
 * @param labels class names for captions
 * @param colormap heat map colours
 * @param alpha heat map opacity in the overlay
 * @param batchSize images per forward/backward pass
 * @param sheetLimit at most this many images go on the contact sheet (memory stays bounded)
 */
public record ExplainFiles(
    GradientCam cam,
    PreprocessConfig preprocess,
    LabelSpace labels,
    Colormap colormap,
    float alpha,
    int batchSize,
    int sheetLimit) {

  /** Name of the contact sheet in the output folder. */
  public static final String SHEET = "contact_sheet.png";

  /** One written overlay. */
  public record Written(Path source, Path overlay, Explanation explanation) {}

  /** What a run did: the overlays, the sheet (null when nothing was explained) and the problems. */
  public record Summary(List<Written> written, Path contactSheet, List<String> problems) {}

  public ExplainFiles {
    if (batchSize < 1 || sheetLimit < 0 || !(alpha >= 0 && alpha <= 1)) {
      throw FerException.badInput(
          "batch size must be >= 1, sheet limit >= 0 and alpha in [0,1]; got " + batchSize + ", "
              + sheetLimit + ", " + alpha);
    }
  }

  /**
   * Explains every image.
   *
   * @param manager parent of the per-batch managers
   * @param classIndex the class to explain, or -1 for each image's prediction
   * @param progress receives one line per image
   */
  public Summary run(NDManager manager, List<Path> images, int classIndex, Path outDir, Consumer<String> progress) {
    List<String> problems = new ArrayList<>();
    List<Written> written = new ArrayList<>();
    List<ContactSheet.Entry> sheet = new ArrayList<>();
    Set<String> usedNames = new HashSet<>();
    List<PreparedImage> batch = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      try {
        batch.add(PreparedImage.read(images.get(i), preprocess));
      } catch (FerException e) {
        problems.add(e.getMessage());
        progress.accept("skipped: " + e.getMessage());
      }
      if (batch.size() == batchSize || (i == images.size() - 1 && !batch.isEmpty())) {
        List<Explanation> out = explainBatch(manager, batch, classIndex);
        for (int j = 0; j < batch.size(); j++) {
          Written w = writeOverlay(batch.get(j), out.get(j), outDir, usedNames);
          written.add(w);
          progress.accept(describe(w));
          if (sheet.size() < sheetLimit) {
            sheet.add(new ContactSheet.Entry(batch.get(j), out.get(j), label(batch.get(j).source()), name(out.get(j).classIndex())));
          }
        }
        batch.clear();
      }
    }
    Path sheetFile = null;
    if (!sheet.isEmpty()) {
      String title = String.format(Locale.ROOT, "%s at %s (%d of %d images)", cam.method().title(), cam.layer(), sheet.size(), written.size());
      sheetFile = outDir.resolve(SHEET);
      writePng(ContactSheet.render(sheet, title, colormap, alpha), sheetFile);
    }
    return new Summary(written, sheetFile, problems);
  }

  private List<Explanation> explainBatch(NDManager manager, List<PreparedImage> batch, int classIndex) {
    int c = preprocess.channels();
    int h = preprocess.height();
    int w = preprocess.width();
    float[] pixels = new float[batch.size() * c * h * w];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(batch.get(i).chw(), 0, pixels, i * c * h * w, c * h * w);
    }
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(pixels, ModelInput.shape(batch.size(), c, 1, h, w));
      return cam.explain(x, classIndex);
    }
  }

  private Written writeOverlay(PreparedImage image, Explanation e, Path outDir, Set<String> usedNames) {
    String base = label(image.source()).replaceFirst("\\.[^.]+$", "");
    String name = base + "_" + e.method().key();
    for (int n = 2; !usedNames.add(name); n++) {
      name = base + "_" + e.method().key() + "_" + n;
    }
    Path target = outDir.resolve(name + ".png");
    writePng(Overlay.render(image, e, name(e.classIndex()), name(e.predictedClass()), colormap, alpha), target);
    return new Written(image.source(), target, e);
  }

  private String describe(Written w) {
    Explanation e = w.explanation();
    return String.format(
        Locale.ROOT, "%s: %s %.1f%% -> %s", w.source(), name(e.classIndex()), 100.0 * e.probability(), w.overlay());
  }

  private String name(int classIndex) {
    return classIndex < labels.size() ? labels.nameOf(classIndex) : "class_" + classIndex;
  }

  private static String label(Path source) {
    Path f = source.getFileName();
    return f == null ? source.toString() : f.toString();
  }

  /** Encodes in memory, then writes atomically: a crash never leaves half a PNG behind. */
  static void writePng(BufferedImage image, Path target) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(image, "png", bytes);
      AtomicFiles.write(target, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
