package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;

/**
 * A user's own images, one folder per class, named as the user likes (torchvision's
 * {@code ImageFolder} layout): {@code DIR/<class>/*.jpg} gives one split {@code train};
 * {@code DIR/{train,val,test}/<class>/*.jpg} gives those splits. Classes are the folder names in
 * sorted order, or the order given with {@code classes=a,b,c}.
 */
public final class ImageFolderReader extends AbstractDatasetReader {
  private static final Map<String, String> SPLIT_NAMES = Map.of(
      "train", "train", "val", "val", "valid", "val", "validation", "val", "test", "test");

  public ImageFolderReader() {
    super("imagefolder",
        "your own images: DIR/<class>/ or DIR/{train,val,test}/<class>/",
        Map.of(UserClasses.SETTING, "class names in label order, e.g. happy,sad (default: "
            + "the folder names, sorted)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("imagefolder", root, options);
    Map<String, Path> splitRoots = splitRoots(root);
    Set<String> found = new java.util.TreeSet<>();
    splitRoots.values().forEach(r -> FrameFolders.subfolders(r)
        .forEach(c -> found.add(c.getFileName().toString())));
    LabelSpace space = UserClasses.space("imagefolder", options, found);
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .setting(UserClasses.SETTING, String.join(",", space.classes()));
    splitRoots.forEach((split, splitRoot) -> {
      index.split(split);
      for (Path classDir : FrameFolders.subfolders(splitRoot)) {
        int label = UserClasses.label(ctx, space, classDir.getFileName().toString(), classDir, 0);
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
    });
    return index.problems(ctx.problems()).build();
  }

  /** Split name to the folder holding its class folders. */
  private static Map<String, Path> splitRoots(Path root) {
    List<Path> subs = FrameFolders.subfolders(root);
    List<Path> splitDirs = new ArrayList<>();
    for (Path s : subs) {
      if (SPLIT_NAMES.containsKey(s.getFileName().toString().toLowerCase(Locale.ROOT))) {
        splitDirs.add(s);
      }
    }
    Map<String, Path> roots = new LinkedHashMap<>();
    if (!splitDirs.isEmpty() && splitDirs.size() == subs.size()) {
      for (String split : List.of("train", "val", "test")) {
        for (Path s : splitDirs) {
          if (SPLIT_NAMES.get(s.getFileName().toString().toLowerCase(Locale.ROOT)).equals(split)) {
            roots.put(split, s);
          }
        }
      }
    } else {
      roots.put("train", root);
    }
    return roots;
  }
}
