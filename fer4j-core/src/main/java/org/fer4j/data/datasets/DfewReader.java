package org.fer4j.data.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.DfewLabels;

/**
 * DFEW (Jiang et al., "DFEW: A Large-Scale Database for Recognizing Dynamic Facial Expressions in
 * the Wild", ACM MM 2020): frame folders {@code Clip/clip_224x224/<5-digit id>/} (all frames) or
 * {@code Clip/clip_224x224_16f/} (16 time-interpolated frames), and the 5-fold split CSVs
 * {@code EmoLabel_DataSplit/{train,test}(single-labeled)/set_<k>.csv} with header
 * {@code video_name,label}. The renamed spellings {@code train_set_<k>.csv} /
 * {@code test_set_<k>.csv} and {@code single_trainset_<k>.csv} / {@code single_testset_<k>.csv}
 * are accepted too (docs/methods.md#datasets). Frames are kept in name order; pick 16 of them with
 * {@link org.fer4j.data.loader.FrameSampler}.
 */
public final class DfewReader extends AbstractDatasetReader {
  static final int FOLDS = 5;

  public DfewReader() {
    super("dfew",
        "DFEW: Clip/clip_224x224[_16f]/ frame folders + EmoLabel_DataSplit 5-fold CSVs",
        Map.of(
            "frames", "auto (default: all frames if present, else 16f), all or 16f",
            "fold", "0 (default: all five as fold<k>/train, fold<k>/test) or 1..5 (train, test)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("DFEW", root, options);
    int fold = options.intSetting("fold", 0);
    if (fold < 0 || fold > FOLDS) {
      throw FerException.badInput("DFEW setting fold=" + fold + " is not 0..5; DFEW has 5 folds");
    }
    Path clips = frameRoot(ctx, options.choice("frames", "auto", "auto", "all", "16f"));
    Path splits = ctx.locate("the split folder EmoLabel_DataSplit", "EmoLabel_DataSplit", ".");
    Path trainDir = splitFolder(splits, "train");
    Path testDir = splitFolder(splits, "test");
    LabelSpace space = LabelSpace.EXPRESSION_7;
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .setting("frames", clips.getFileName().toString())
        .setting("fold", fold == 0 ? "all" : Integer.toString(fold));
    Map<String, List<ImageRef>> frameCache = new HashMap<>();
    for (int k = 1; k <= FOLDS; k++) {
      if (fold != 0 && k != fold) {
        continue;
      }
      String prefix = fold == 0 ? "fold" + k + "/" : "";
      readFold(ctx, foldFile(trainDir, "train", k), clips, "train", prefix + "train", space,
          index, frameCache);
      readFold(ctx, foldFile(testDir, "test", k), clips, "test", prefix + "test", space, index,
          frameCache);
    }
    return index.problems(ctx.problems()).build();
  }

  private static Path frameRoot(ReadContext ctx, String frames) {
    String[] all = {"Clip/clip_224x224", "clip_224x224"};
    String[] sixteen = {"Clip/clip_224x224_16f", "clip_224x224_16f"};
    return switch (frames) {
      case "all" -> ctx.locate("the frame folder clip_224x224", all);
      case "16f" -> ctx.locate("the frame folder clip_224x224_16f", sixteen);
      default -> {
        Path p = ctx.find(all);
        yield p != null ? p : ctx.locate("a frame folder clip_224x224 or clip_224x224_16f",
            "Clip/clip_224x224", "clip_224x224", "Clip/clip_224x224_16f", "clip_224x224_16f");
      }
    };
  }

  /** {@code train(single-labeled)} or any folder whose name starts with the role. */
  private static Path splitFolder(Path splits, String role) {
    Path official = splits.resolve(role + "(single-labeled)");
    if (Files.isDirectory(official)) {
      return official;
    }
    for (Path p : FrameFolders.subfolders(splits)) {
      if (p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith(role)) {
        return p;
      }
    }
    return splits; // renamed CSVs may sit directly in the split folder
  }

  static Path foldFile(Path dir, String role, int k) {
    List<String> names = List.of("set_" + k + ".csv", role + "_set_" + k + ".csv",
        "single_" + role + "set_" + k + ".csv");
    for (String n : names) {
      if (Files.isRegularFile(dir.resolve(n))) {
        return dir.resolve(n);
      }
    }
    throw FerException.notFound("DFEW: no " + role + " list for fold " + k + " in " + dir
        + "; looked for " + String.join(", ", names));
  }

  private static void readFold(ReadContext ctx, Path csv, Path clips, String split, String key,
      LabelSpace space, DatasetIndex.Builder index, Map<String, List<ImageRef>> frameCache) {
    index.split(key);
    TextLines.forEach(csv, (line, text) -> {
      if ((line == 1 && text.startsWith("video_name")) || text.isBlank()) {
        return;
      }
      List<String> f = TextLines.splitCsvLenient(text);
      String id = f.size() == 2 ? clipId(f.get(0)) : null;
      if (id == null) {
        ctx.malformed(csv, line, "expected 'video_name,label' with a numeric clip id, got '"
            + text.strip() + "'");
        return;
      }
      int label = ctx.label(DfewLabels.TABLE, space, f.get(1), csv, line);
      if (label < 0) {
        return;
      }
      List<ImageRef> frames = frameCache.computeIfAbsent(id,
          c -> FrameFolders.frames(clips.resolve(c)));
      if (frames.isEmpty()) {
        ctx.problem(csv, line, Problem.Kind.MISSING_IMAGE, "clip has no frames",
            ctx.shown(clips.resolve(id)));
      } else if (framesUsable(ctx, frames, csv, line)) {
        index.add(key, new Sample(id, frames, label, null, Float.NaN, null, split, null));
      }
    });
  }

  static boolean framesUsable(ReadContext ctx, List<ImageRef> frames, Path file, int line) {
    if (!ctx.options().checkImages()) {
      return true; // listing the folder already showed the frames exist
    }
    for (ImageRef frame : frames) {
      if (!ctx.imageUsable(((ImageRef.File) frame).path(), file, line)) {
        return false;
      }
    }
    return true;
  }

  /** {@code 1} or {@code 00001} gives {@code 00001}; anything non-numeric gives null. */
  private static String clipId(String field) {
    String s = field.trim();
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 9) {
      return null;
    }
    return String.format(Locale.ROOT, "%05d", Integer.parseInt(s));
  }
}
