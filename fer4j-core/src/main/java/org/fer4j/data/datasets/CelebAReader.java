package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;

/**
 * CelebA attributes (Liu et al., "Deep Learning Face Attributes in the Wild", ICCV 2015):
 * {@code list_attr_celeba.txt} (line 1 the count, line 2 the 40 names, then
 * {@code 000001.jpg -1 1 ...}), {@code list_eval_partition.txt} ({@code 000001.jpg 0}; 0 train,
 * 1 val, 2 test) and {@code img_align_celeba/}. Both the flat layout and the official
 * {@code Anno/ Eval/ Img/} one are accepted. Attributes go into {@link Sample#target()} as {0,1}
 * ((a+1)/2, as torchvision's {@code datasets/celeba.py}); {@link Sample#label()} is -1.
 */
public final class CelebAReader extends AbstractDatasetReader {
  private static final String[] SPLITS = {"train", "val", "test"};

  public CelebAReader() {
    super("celeba",
        "CelebA: list_attr_celeba.txt + list_eval_partition.txt + img_align_celeba/");
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("CelebA", root, options);
    Path attrs = ctx.locate("list_attr_celeba.txt", "list_attr_celeba.txt",
        "Anno/list_attr_celeba.txt");
    Path partition = ctx.locate("list_eval_partition.txt", "list_eval_partition.txt",
        "Eval/list_eval_partition.txt");
    Path images = ctx.locate("the image folder img_align_celeba/",
        "img_align_celeba/img_align_celeba", "img_align_celeba", "Img/img_align_celeba");
    Map<String, Integer> splitOf = readPartition(ctx, partition);
    LabelSpace space = LabelSpace.CELEBA_40;
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space);
    for (String s : SPLITS) {
      index.split(s);
    }
    int[] declared = {-1};
    int[] rows = {0};
    TextLines.forEach(attrs, (line, text) -> {
      if (line == 1) {
        declared[0] = parseCount(text, attrs);
      } else if (line == 2) {
        checkHeader(text, attrs, space);
      } else if (!text.isBlank()) {
        rows[0]++;
        Sample s = sample(ctx, attrs, line, text, images, splitOf, space.size());
        if (s != null) {
          index.add(s.split(), s);
        }
      }
    });
    if (declared[0] != rows[0]) {
      ctx.malformed(attrs, 1, "line 1 declares " + declared[0] + " images but the file lists "
          + rows[0] + "; the file may be truncated");
    }
    return index.problems(ctx.problems()).build();
  }

  private static Map<String, Integer> readPartition(ReadContext ctx, Path file) {
    Map<String, Integer> splitOf = new HashMap<>();
    TextLines.forEach(file, (line, text) -> {
      String[] f = TextLines.splitBlanks(text);
      if (f.length == 0) {
        return;
      }
      if (f.length != 2 || !List.of("0", "1", "2").contains(f[1])) {
        ctx.malformed(file, line, "expected 'NAME.jpg 0|1|2', got '" + text.strip() + "'");
        return;
      }
      splitOf.put(f[0], Integer.parseInt(f[1]));
    });
    return splitOf;
  }

  private static int parseCount(String text, Path file) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw FerException.badInput(file + ":1: expected the number of images, got '"
          + text.strip() + "'; is this list_attr_celeba.txt?");
    }
  }

  private static void checkHeader(String text, Path file, LabelSpace space) {
    List<String> names = Arrays.asList(TextLines.splitBlanks(text));
    if (!names.equals(space.classes())) {
      throw FerException.badInput(file + ":2: expected the 40 attribute names "
          + space.classes().get(0) + " ... " + space.classes().get(39) + " in the official order,"
          + " got " + names.size() + " names starting '" + (names.isEmpty() ? "" : names.get(0))
          + "'; use the original list_attr_celeba.txt");
    }
  }

  private static Sample sample(ReadContext ctx, Path file, int line, String text, Path images,
      Map<String, Integer> splitOf, int attributes) {
    String[] f = TextLines.splitBlanks(text);
    if (f.length != attributes + 1) {
      ctx.malformed(file, line, "expected NAME and " + attributes + " values of -1/1, got "
          + (f.length - 1) + " values");
      return null;
    }
    float[] target = new float[attributes];
    for (int a = 0; a < attributes; a++) {
      String v = f[a + 1];
      if (!v.equals("1") && !v.equals("-1")) {
        ctx.malformed(file, line, "attribute " + (a + 1) + " is '" + v + "', not -1 or 1");
        return null;
      }
      target[a] = v.equals("1") ? 1f : 0f;
    }
    Integer part = splitOf.get(f[0]);
    if (part == null) {
      ctx.malformed(file, line, f[0] + " has no line in list_eval_partition.txt, so no split");
      return null;
    }
    Path image = images.resolve(f[0]);
    if (!ctx.imageUsable(image, file, line)) {
      return null;
    }
    String split = SPLITS[part];
    return new Sample(stem(f[0]), List.of(new ImageRef.File(image)), -1, target, Float.NaN, null,
        split, null);
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
