package org.fer4j.data.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fer4j.data.LabelSpace;

/**
 * Writes SynthFER in the official layouts of docs/datasets.md, so the real readers load it
 * unchanged. Every path and line format lives here, so a format fix is made in one place. The
 * writers are filled from many threads ({@code put} writes the image and records its row in a
 * slot of its own) and write their list files in {@code finish()}.
 */
public final class SynthWriters {
  private SynthWriters() {}

  /** Canonical index (Surprise..Neutral) to RAF-DB code 1..7: the same order, one-based. */
  public static int rafDbCode(int canonical) {
    return canonical + 1;
  }

  /** Canonical index to DFEW code (1 Happy, 2 Sad, 3 Neutral, 4 Angry, 5 Surprise, 6 Disgust, 7 Fear). */
  public static int dfewCode(int canonical) {
    return DFEW_CODES[canonical];
  }

  /** Canonical index to the FED-RO folder name ("neural" is the data set's own spelling). */
  public static String fedRoFolder(int canonical) {
    return FEDRO_FOLDERS[canonical];
  }

  private static final int[] DFEW_CODES = {5, 7, 6, 1, 2, 4, 3};
  private static final String[] FEDRO_FOLDERS = {"surprise", "fear", "disgust", "happy", "sad", "anger", "neural"};

  static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeLines(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * RAF-DB basic: {@code basic/EmoLabel/list_patition_label.txt} (sic) with lines {@code
   * train_00001.jpg 5}, images {@code basic/Image/aligned/train_00001_aligned.jpg}. As in the real
   * set, training names have five digits and test names four ({@code test_0001.jpg}).
   */
  public static final class RafDb {
    public static final String LABEL_FILE = "basic/EmoLabel/list_patition_label.txt";
    public static final String IMAGE_DIR = "basic/Image/aligned";
    private final Path root;
    private final int train;
    private final String[] rows;
    private final String[] meta;

    public RafDb(Path root, int train, int test) {
      this.root = root;
      this.train = train;
      this.rows = new String[train + test];
      this.meta = new String[train + test];
      mkdirs(root.resolve(IMAGE_DIR));
    }

    /** The RAF-DB name of image {@code position} (training images first). */
    public String name(int position) {
      boolean isTrain = position < train;
      int number = isTrain ? position + 1 : position - train + 1;
      int digits = isTrain || rows.length - train >= 10000 ? 5 : 4;
      return String.format(Locale.ROOT, "%s_%0" + digits + "d.jpg", isTrain ? "train" : "test", number);
    }

    public void put(int position, int label, float intensity, int identity, byte[] jpeg) {
      String name = name(position);
      write(root.resolve(IMAGE_DIR).resolve(name.replace(".jpg", "_aligned.jpg")), jpeg);
      rows[position] = name + " " + rafDbCode(label);
      meta[position] = String.format(Locale.ROOT, "%s,%s,%.4f,%d", name,
          LabelSpace.EXPRESSION_7.nameOf(label), intensity, identity);
    }

    public void finish() {
      writeLines(root.resolve(LABEL_FILE), List.of(rows));
      List<String> lines = new ArrayList<>(List.of("name,label,intensity,identity"));
      lines.addAll(List.of(meta));
      writeLines(root.resolve("synth_meta.csv"), lines);
    }
  }

  /**
   * CelebA: {@code img_align_celeba/000001.jpg}, {@code list_attr_celeba.txt} (count, the 40
   * names, then {@code 000001.jpg -1  1 ...}) and {@code list_eval_partition.txt} ({@code
   * 000001.jpg 0}; 0 train, 1 valid, 2 test).
   */
  public static final class CelebA {
    public static final String IMAGE_DIR = "img_align_celeba";
    public static final String ATTR_FILE = "list_attr_celeba.txt";
    public static final String PARTITION_FILE = "list_eval_partition.txt";
    private final Path root;
    private final String[] attrRows;
    private final String[] partitionRows;

    public CelebA(Path root, int count) {
      this.root = root;
      this.attrRows = new String[count];
      this.partitionRows = new String[count];
      mkdirs(root.resolve(IMAGE_DIR));
    }

    public static String name(int position) {
      return String.format(Locale.ROOT, "%06d.jpg", position + 1);
    }

    /** Records image {@code position} with attributes (+1/-1) and partition 0, 1 or 2. */
    public void put(int position, int[] attributes, int partition, byte[] jpeg) {
      String name = name(position);
      write(root.resolve(IMAGE_DIR).resolve(name), jpeg);
      StringBuilder sb = new StringBuilder(name);
      for (int a : attributes) {
        sb.append(a > 0 ? "  1" : " -1");
      }
      attrRows[position] = sb.toString();
      partitionRows[position] = name + " " + partition;
    }

    public void finish() {
      List<String> attr = new ArrayList<>();
      attr.add(Integer.toString(attrRows.length));
      attr.add(String.join(" ", LabelSpace.CELEBA_40.classes()));
      attr.addAll(List.of(attrRows));
      writeLines(root.resolve(ATTR_FILE), attr);
      writeLines(root.resolve(PARTITION_FILE), List.of(partitionRows));
    }
  }

  /**
   * DFEW: frames {@code Clip/clip_224x224/00001/00001_00001.jpg} (clip id and frame number, both
   * one-based and five digits, as the official frame folders name them), and the 5-fold split
   * files {@code EmoLabel_DataSplit/{train,test}(single-labeled)/set_1.csv} with header {@code
   * video_name,label}. Clip {@code i} (0-based) is a test clip of fold {@code i % 5 + 1}. The
   * per-frame intensities go to {@code synth_intensity.csv} (not part of DFEW).
   */
  public static final class Dfew {
    public static final String CLIP_DIR = "Clip/clip_224x224";
    public static final String SPLIT_DIR = "EmoLabel_DataSplit";
    public static final int FOLDS = 5;
    private final Path root;
    private final int[] codes;
    private final float[][] intensities;

    public Dfew(Path root, int clips) {
      this.root = root;
      this.codes = new int[clips];
      this.intensities = new float[clips][];
    }

    public static String clipName(int clip) {
      return String.format(Locale.ROOT, "%05d", clip + 1);
    }

    public static String frameName(int clip, int frame) {
      return String.format(Locale.ROOT, "%05d_%05d.jpg", clip + 1, frame + 1);
    }

    public static int fold(int clip) {
      return clip % FOLDS + 1;
    }

    /** Creates the clip's folder and records its label and per-frame intensities. */
    public void startClip(int clip, int label, float[] frameIntensities) {
      mkdirs(root.resolve(CLIP_DIR).resolve(clipName(clip)));
      codes[clip] = dfewCode(label);
      intensities[clip] = frameIntensities.clone();
    }

    public void putFrame(int clip, int frame, byte[] jpeg) {
      write(root.resolve(CLIP_DIR).resolve(clipName(clip)).resolve(frameName(clip, frame)), jpeg);
    }

    public void finish() {
      for (int fold = 1; fold <= FOLDS; fold++) {
        List<String> train = new ArrayList<>(List.of("video_name,label"));
        List<String> test = new ArrayList<>(List.of("video_name,label"));
        for (int c = 0; c < codes.length; c++) {
          (fold(c) == fold ? test : train).add((c + 1) + "," + codes[c]);
        }
        writeLines(root.resolve(SPLIT_DIR).resolve("train(single-labeled)").resolve("set_" + fold + ".csv"), train);
        writeLines(root.resolve(SPLIT_DIR).resolve("test(single-labeled)").resolve("set_" + fold + ".csv"), test);
      }
      List<String> lines = new ArrayList<>(List.of("video_name,frame,intensity"));
      for (int c = 0; c < codes.length; c++) {
        for (int t = 0; t < intensities[c].length; t++) {
          lines.add(String.format(Locale.ROOT, "%d,%d,%.4f", c + 1, t + 1, intensities[c][t]));
        }
      }
      writeLines(root.resolve("synth_intensity.csv"), lines);
    }
  }

  /**
   * FED-RO: a list file {@code occlusion_emotion_dataset.txt} with lines {@code happy/name.jpg}
   * and one folder per class ({@code neural, happy, sad, surprise, fear, disgust, anger}) beside
   * it. The occluder of each image goes to {@code synth_occlusion.csv} (not part of FED-RO).
   */
  public static final class FedRo {
    public static final String LIST_FILE = "occlusion_emotion_dataset.txt";
    private final Path root;
    private final String[] rows;
    private final String[] meta;

    public FedRo(Path root, int count) {
      this.root = root;
      this.rows = new String[count];
      this.meta = new String[count];
      for (String folder : FEDRO_FOLDERS) {
        mkdirs(root.resolve(folder));
      }
    }

    public void put(int position, int label, Occlusion occlusion, java.awt.Rectangle region, byte[] jpeg) {
      String relative = fedRoFolder(label) + "/" + String.format(Locale.ROOT, "synth_%05d.jpg", position + 1);
      write(root.resolve(relative), jpeg);
      rows[position] = relative;
      meta[position] = String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d", relative,
          occlusion.name().toLowerCase(Locale.ROOT), region.x, region.y, region.width, region.height);
    }

    public void finish() {
      writeLines(root.resolve(LIST_FILE), List.of(rows));
      List<String> lines = new ArrayList<>(List.of("image,occlusion,x,y,width,height"));
      lines.addAll(List.of(meta));
      writeLines(root.resolve("synth_occlusion.csv"), lines);
    }
  }
}
