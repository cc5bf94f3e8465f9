package org.fer4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.explain.ModelViews;
import org.fer4j.explain.PreparedImage;
import org.fer4j.data.PreprocessConfig;

/**
 * {@code fer explain} for a clip model (GCSA): the IMAGE arguments are the frames of one clip, in
 * order; T of them are taken evenly spread (the first and last always) and explained as one clip,
 * written as {@code clip_strip.png}.
 */
final class ClipExplain {
  /** Name of the strip in the output folder. */
  static final String STRIP = "clip_strip.png";

  private ClipExplain() {}

  static int run(ModelViews views, NDManager manager, List<Path> images, PreprocessConfig p, int classIndex, Path out) {
    List<PreparedImage> frames = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path image : images) {
      try {
        frames.add(PreparedImage.read(image, p));
      } catch (FerException e) {
        problems.add(e.getMessage());
        System.out.println("skipped: " + e.getMessage());
      }
    }
    if (frames.size() < 2) {
      throw FerException.badInput("a clip model needs at least 2 readable frames (IMAGE arguments in order); got "
          + frames.size());
    }
    List<PreparedImage> clip = evenly(frames, p.frames());
    Path strip = views.writeClip(manager, clip, classIndex, out.resolve(STRIP));
    System.out.printf("%d of %d frame(s) explained as one clip -> %s; %d problem(s)%n",
        clip.size(), frames.size(), strip, problems.size());
    return problems.isEmpty() ? 0 : FerException.Kind.BAD_INPUT.exitCode();
  }

  /** {@code t} items at indices round(i (n - 1) / (t - 1)); repeats items when there are fewer than t. */
  static <T> List<T> evenly(List<T> items, int t) {
    List<T> out = new ArrayList<>();
    int n = items.size();
    for (int i = 0; i < t; i++) {
      out.add(items.get(t == 1 ? 0 : (int) Math.round(i * (n - 1) / (double) (t - 1))));
    }
    return out;
  }
}
