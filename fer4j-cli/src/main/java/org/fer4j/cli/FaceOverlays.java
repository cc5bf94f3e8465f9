package org.fer4j.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Colormap;
import org.fer4j.explain.ExplainFiles;
import org.fer4j.explain.Panels;
import org.fer4j.predict.FaceExplanation;
import org.fer4j.predict.ImageResult;

/**
 * The files of {@code fer predict --explain DIR}: per detected face a figure of the aligned face
 * the classifier saw and its heat map ({@code sample1-face0-gradcam.png}), and at the end one
 * contact sheet of every face ({@link ExplainFiles#SHEET}, as {@code fer explain} names it).
 */
final class FaceOverlays {
  private static final int FIGURE_SIDE = 256;
  private static final int TILE_SIDE = 200; // wide enough for "sample1-face0: Happiness 93%"
  private static final float ALPHA = 0.5f; // what the server's ?explain=true sends

  private final Path dir;
  private final CamMethod method;
  private final Map<String, Integer> stemsUsed = new HashMap<>();
  private final List<Panels.Panel> tiles = new ArrayList<>();

  FaceOverlays(Path dir, CamMethod method) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.method = method;
  }

  /** Writes one figure per face of {@code r}; the paths, in face order (none for a failed image). */
  List<Path> write(ImageResult r) throws IOException {
    List<Path> written = new ArrayList<>();
    if (!r.ok() || r.faces().isEmpty()) {
      return written;
    }
    String stem = uniqueStem(r.source());
    for (int i = 0; i < r.faces().size(); i++) {
      FaceExplanation e = r.faces().get(i).explanation();
      String label = stem + "-face" + i;
      BufferedImage face = e.face().toBufferedImage();
      String caption = String.format(Locale.ROOT, "%s %.1f%%", e.expression(), 100.0 * e.probability());
      BufferedImage figure = Panels.render(label + ": " + e.method().title() + " at " + e.layer(),
          List.of(new Panels.Panel(face, null, "aligned face", null), new Panels.Panel(face, e.map(), caption, null)),
          2, FIGURE_SIDE, List.of(), Colormap.JET, ALPHA);
      Path file = dir.resolve(label + "-" + method.key() + ".png");
      ImageIO.write(figure, "png", file.toFile());
      written.add(file);
      String shortCaption = String.format(Locale.ROOT, "%s: %s %.0f%%", label, e.expression(), 100.0 * e.probability());
      tiles.add(new Panels.Panel(face, e.map(), shortCaption, null));
    }
    return written;
  }

  /** Writes the contact sheet of every face written so far; null when there was none. */
  Path finish() throws IOException {
    if (tiles.isEmpty()) {
      return null;
    }
    int columns = (int) Math.ceil(Math.sqrt(tiles.size()));
    BufferedImage sheet = Panels.render(method.title() + " of each face's top expression (" + tiles.size() + " faces)",
        tiles, columns, TILE_SIDE, List.of(), Colormap.JET, ALPHA);
    Path file = dir.resolve(ExplainFiles.SHEET);
    ImageIO.write(sheet, "png", file.toFile());
    return file;
  }

  // Photos of the same name from different folders get -2, -3, ... so no figure overwrites another.
  private String uniqueStem(String source) {
    String stem = Path.of(source).getFileName().toString().replaceFirst("\\.[^.]+$", "");
    int seen = stemsUsed.merge(stem, 1, Integer::sum);
    return seen == 1 ? stem : stem + "-" + seen;
  }
}
