package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.Map;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.RafDbLabels;

/**
 * RAF-DB basic (Li, Deng, Du, CVPR 2017; whdeng.cn/RAF/model1.html):
 * {@code EmoLabel/list_patition_label.txt} with lines {@code train_00001.jpg 5}, images in
 * {@code Image/aligned/train_00001_aligned.jpg} (default) or
 * {@code Image/original/train_00001.jpg}.
 * The split comes from the name prefix (12,271 train / 3,068 test). DIR may be {@code basic/} or
 * the folder above it.
 */
public final class RafDbReader extends AbstractDatasetReader {
  static final String LIST = "EmoLabel/list_patition_label.txt";

  public RafDbReader() {
    super("rafdb",
        "RAF-DB basic: EmoLabel/list_patition_label.txt + Image/aligned (or original)",
        Map.of("images", "aligned (default) or original: which image folder to use"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("RAF-DB", root, options);
    String variant = options.choice("images", "aligned", "aligned", "original");
    Path list = ctx.locate("the label list " + LIST, LIST, "basic/" + LIST);
    Path base = list.getParent().getParent();
    Path images = base.resolve("Image").resolve(variant);
    LabelSpace space = LabelSpace.EXPRESSION_7;
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .split("train").split("test").setting("images", variant);
    TextLines.forEach(list, (line, text) -> {
      if (text.isBlank()) {
        return;
      }
      String[] f = TextLines.splitBlanks(text);
      if (f.length != 2) {
        ctx.malformed(list, line, "expected 'NAME.jpg LABEL', got '" + text.strip() + "'");
        return;
      }
      String split = f[0].startsWith("train_") ? "train" : f[0].startsWith("test_") ? "test" : null;
      if (split == null) {
        ctx.malformed(list, line, "image name '" + f[0] + "' starts with neither train_ nor test_");
        return;
      }
      int label = ctx.label(RafDbLabels.TABLE, space, f[1], list, line);
      if (label < 0) {
        return;
      }
      Path image = images.resolve(variant.equals("aligned") ? alignedName(f[0]) : f[0]);
      if (ctx.imageUsable(image, list, line)) {
        index.add(split, Sample.image(stem(f[0]), new ImageRef.File(image), label, split));
      }
    });
    return index.problems(ctx.problems()).build();
  }

  /** {@code train_00001.jpg} becomes {@code train_00001_aligned.jpg}. */
  static String alignedName(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name + "_aligned" : name.substring(0, dot) + "_aligned" + name.substring(dot);
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
