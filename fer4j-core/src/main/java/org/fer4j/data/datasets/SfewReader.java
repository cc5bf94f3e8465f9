package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.SfewLabels;

/**
 * SFEW 2.0 (Dhall et al., EmotiW 2015): {@code Train/} and {@code Val/} each hold the class folders
 * {@code Angry Disgust Fear Happy Neutral Sad Surprise}, directly or inside one sub-folder (e.g.
 * {@code Train/Train_Aligned_Faces/Angry}). The test labels were never released, so results are
 * reported on Val; a {@code Test/} folder without class folders is noted and left out.
 */
public final class SfewReader extends AbstractDatasetReader {

  public SfewReader() {
    super("sfew",
        "SFEW 2.0: Train/ and Val/ with one folder per class");
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("SFEW", root, options);
    LabelSpace space = LabelSpace.EXPRESSION_7;
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space);
    boolean found = false;
    for (Path splitDir : FrameFolders.subfolders(root)) {
      String split = switch (splitDir.getFileName().toString().toLowerCase(Locale.ROOT)) {
        case "train" -> "train";
        case "val", "valid", "validation" -> "val";
        case "test" -> "test";
        default -> null;
      };
      if (split == null) {
        continue;
      }
      found = true;
      Path classRoot = classRoot(splitDir);
      if (classRoot == null) {
        ctx.exclude(splitDir, 0, "no class folders (SFEW test labels were never released)", "");
        continue;
      }
      index.split(split);
      for (Path classDir : FrameFolders.subfolders(classRoot)) {
        int label = ctx.label(SfewLabels.TABLE, space, classDir.getFileName().toString(),
            classDir, 0);
        if (label < 0) {
          continue;
        }
        for (Path image : FrameFolders.images(classDir)) {
          if (ctx.imageUsable(image, classDir, 0)) {
            String id = classDir.getFileName() + "/" + image.getFileName();
            index.add(split, Sample.image(id, new ImageRef.File(image), label, split));
          }
        }
      }
    }
    if (!found) {
      ctx.locate("the split folders Train/ and Val/", "Train", "Val");
    }
    return index.problems(ctx.problems()).build();
  }

  /** The folder holding the class folders: the split folder or its only sub-folder. */
  private static Path classRoot(Path splitDir) {
    List<Path> subs = FrameFolders.subfolders(splitDir);
    for (Path s : subs) {
      if (SfewLabels.TABLE.canonicalName(s.getFileName().toString()) != null) {
        return splitDir;
      }
    }
    if (subs.size() == 1) {
      return classRoot(subs.get(0));
    }
    return null;
  }
}
