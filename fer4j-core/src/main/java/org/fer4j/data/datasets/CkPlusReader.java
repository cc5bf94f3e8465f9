package org.fer4j.data.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.CkPlusLabels;

/**
 * CK+ (Lucey et al., "The Extended Cohn-Kanade Dataset (CK+)", CVPR Workshops 2010): sequences
 * {@code cohn-kanade-images/Sxxx/yyy/*.png} and labels {@code Emotion/Sxxx/yyy/*_emotion.txt}
 * holding one float; 327 of the 593 sequences have one. The common protocol labels the last three
 * frames of a sequence (optionally the first frame as Neutral) and evaluates with
 * subject-independent 10-fold cross-validation ({@link SubjectFolds}, seeded by
 * {@link ReaderOptions#seed()}). {@link Sample#subject()} holds the subject id.
 */
public final class CkPlusReader extends AbstractDatasetReader {

  public CkPlusReader() {
    super("ckplus",
        "CK+: cohn-kanade-images/ sequences + Emotion/ labels, subject-independent folds",
        Map.of(
            "last", "labelled frames at the end of each sequence (default 3)",
            "neutral", "none (default) or first: also use each sequence's first frame as Neutral",
            "classes", "8 (default) or 7 (drops Contempt)",
            "folds", "number of subject-independent folds (default 10)",
            "fold", "0 (default: all folds as fold<k>/train|test) or k (splits train, test)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("CK+", root, options);
    Path images = ctx.locate("the image folder cohn-kanade-images", "cohn-kanade-images",
        "extended-cohn-kanade-images/cohn-kanade-images");
    Path emotions = ctx.locate("the label folder Emotion", "Emotion", "Emotion_labels/Emotion");
    int last = options.intSetting("last", 3);
    boolean neutral = options.choice("neutral", "none", "none", "first").equals("first");
    LabelSpace space = LabelSpace.expressions(options.intSetting("classes", 8));
    int folds = options.intSetting("folds", 10);
    int fold = options.intSetting("fold", 0);
    if (last < 1 || fold < 0 || fold > folds) {
      throw FerException.badInput("CK+ settings need last >= 1 and fold in 0.." + folds
          + ", got last=" + last + ", fold=" + fold);
    }
    List<Sample> samples = new ArrayList<>();
    for (Path subject : FrameFolders.subfolders(images)) {
      for (Path sequence : FrameFolders.subfolders(subject)) {
        Path labels = emotions.resolve(subject.getFileName().toString())
            .resolve(sequence.getFileName().toString());
        readSequence(ctx, sequence, labels, last, neutral, space, samples);
      }
    }
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .setting("last", Integer.toString(last)).setting("neutral", neutral ? "first" : "none")
        .setting("classes", Integer.toString(space.size()))
        .setting("folds", Integer.toString(folds)).setting("seed", Long.toString(options.seed()));
    DatasetIndex.Builder target = fold == 0 ? index : DatasetIndex.builder(format(), root, space);
    SubjectFolds.addFolds(target, samples, folds, options.seed());
    if (fold != 0) {
      DatasetIndex one = target.build().fold(fold);
      one.splits().forEach(index::addAll);
      index.setting("fold", Integer.toString(fold));
    }
    return index.problems(ctx.problems()).build();
  }

  private static void readSequence(ReadContext ctx, Path sequence, Path labels, int last,
      boolean neutral, LabelSpace space, List<Sample> out) {
    List<Path> emotionFiles = textFiles(labels);
    if (emotionFiles.isEmpty()) {
      ctx.exclude(sequence, 0, "sequence has no emotion label (CK+ labels 327 of 593)", "");
      return;
    }
    Path file = emotionFiles.get(0);
    String code = readCode(ctx, file);
    if (code == null) {
      return;
    }
    int label = ctx.label(CkPlusLabels.TABLE, space, code, file, 1);
    if (label < 0) {
      return;
    }
    List<Path> frames = FrameFolders.images(sequence);
    if (frames.size() < last + (neutral ? 1 : 0)) {
      ctx.problem(file, 1, Problem.Kind.MISSING_IMAGE, "sequence too short",
          ctx.shown(sequence) + " has " + frames.size() + " frames, needs "
              + (last + (neutral ? 1 : 0)));
      return;
    }
    String subject = sequence.getParent().getFileName().toString();
    int neutralIndex = space.classes().indexOf("Neutral");
    if (neutral && neutralIndex >= 0) {
      addFrame(ctx, frames.get(0), neutralIndex, subject, file, out);
    }
    for (Path frame : frames.subList(frames.size() - last, frames.size())) {
      addFrame(ctx, frame, label, subject, file, out);
    }
  }

  private static void addFrame(ReadContext ctx, Path frame, int label, String subject, Path file,
      List<Sample> out) {
    if (ctx.imageUsable(frame, file, 1)) {
      String name = frame.getFileName().toString();
      String id = name.substring(0, name.lastIndexOf('.'));
      out.add(new Sample(id, List.of(new ImageRef.File(frame)), label, null, Float.NaN, null,
          "all", subject));
    }
  }

  /** The emotion code as an integer string, or null after reporting a malformed file. */
  private static String readCode(ReadContext ctx, Path file) {
    String text;
    try {
      text = Files.readString(file).strip();
    } catch (IOException e) {
      ctx.malformed(file, 1, "cannot read: " + e.getMessage());
      return null;
    }
    try {
      double v = Double.parseDouble(text);
      if (v == Math.rint(v)) {
        return Integer.toString((int) v);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    ctx.malformed(file, 1, "expected one emotion code like 3.0000000e+00, got '" + text + "'");
    return null;
  }

  private static List<Path> textFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (var s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
          .sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + folder, e);
    }
  }
}
