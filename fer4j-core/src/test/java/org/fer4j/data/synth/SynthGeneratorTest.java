package org.fer4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates a tiny SynthFER once and parses every written file back in its official format. */
class SynthGeneratorTest {
  private static final int IMAGES = 30;
  private static final int CLIPS = 6;
  private static final int OCCLUDED = 14;
  private static final int SIZE = 40;

  @TempDir static Path dir;
  static SynthReport report;
  static long progressCalls;

  @BeforeAll
  static void generate() {
    AtomicLong calls = new AtomicLong();
    report = SynthGenerator.generate(config(2), dir, (done, total) -> calls.incrementAndGet());
    progressCalls = calls.get();
  }

  private static SynthConfig config(int threads) {
    return SynthConfig.builder().optSeed(3).optImages(IMAGES).optClips(CLIPS).optOccluded(OCCLUDED)
        .optSize(SIZE).optFrames(16, 17).optThreads(threads).build();
  }

  private static List<String> lines(String relative) throws Exception {
    return Files.readAllLines(dir.resolve(relative), StandardCharsets.UTF_8);
  }

  @Test
  void rafDbLabelFileAndImagesFollowTheOfficialLayout() throws Exception {
    List<String> rows = lines("rafdb/basic/EmoLabel/list_patition_label.txt");
    assertThat(rows).hasSize(IMAGES);
    assertThat(rows.get(0)).matches("train_00001\\.jpg [1-7]");
    assertThat(rows.get(IMAGES - 1)).matches("test_0006\\.jpg [1-7]");
    long train = rows.stream().filter(r -> r.matches("train_\\d{5}\\.jpg [1-7]")).count();
    long test = rows.stream().filter(r -> r.matches("test_\\d{4}\\.jpg [1-7]")).count();
    assertThat(train).isEqualTo(24);
    assertThat(test).isEqualTo(6);
    for (String row : rows) {
      String stem = row.substring(0, row.indexOf(".jpg"));
      Path image = dir.resolve("rafdb/basic/Image/aligned/" + stem + "_aligned.jpg");
      FloatImage img = ImageDecoder.decode(image);
      assertThat(img.height()).isEqualTo(SIZE);
      assertThat(img.width()).isEqualTo(SIZE);
    }
  }

  @Test
  void rafDbCodesAreTheCanonicalIndexPlusOne() throws Exception {
    List<String> meta = lines("rafdb/synth_meta.csv");
    List<String> rows = lines("rafdb/basic/EmoLabel/list_patition_label.txt");
    assertThat(meta.get(0)).isEqualTo("name,label,intensity,identity");
    for (int i = 0; i < rows.size(); i++) {
      String[] m = meta.get(i + 1).split(",");
      int code = Integer.parseInt(rows.get(i).split(" ")[1]);
      assertThat(LabelSpace.EXPRESSION_7.nameOf(code - 1)).isEqualTo(m[1]);
      assertThat(m[0]).isEqualTo(rows.get(i).split(" ")[0]);
      float intensity = Float.parseFloat(m[2]);
      assertThat(intensity).isBetween(0f, 1f);
      assertThat(intensity == 0f).isEqualTo(m[1].equals("Neutral"));
    }
  }

  @Test
  void celebAFilesHaveCountNamesAndPlusMinusOneRows() throws Exception {
    List<String> attr = lines("celeba/list_attr_celeba.txt");
    assertThat(attr.get(0)).isEqualTo(Integer.toString(IMAGES));
    assertThat(List.of(attr.get(1).trim().split("\\s+"))).isEqualTo(LabelSpace.CELEBA_40.classes());
    assertThat(attr).hasSize(IMAGES + 2);
    assertThat(attr.get(2)).startsWith("000001.jpg ");
    for (String row : attr.subList(2, attr.size())) {
      String[] parts = row.trim().split("\\s+");
      assertThat(parts).hasSize(41);
      for (int k = 1; k < parts.length; k++) {
        assertThat(parts[k]).isIn("1", "-1");
      }
      assertThat(dir.resolve("celeba/img_align_celeba/" + parts[0])).isRegularFile();
    }
    List<String> partition = lines("celeba/list_eval_partition.txt");
    assertThat(partition).hasSize(IMAGES);
    assertThat(partition.get(0)).isEqualTo("000001.jpg 0");
    assertThat(partition.get(IMAGES - 1)).isEqualTo("000030.jpg 2");
    assertThat(partition.stream().filter(p -> p.endsWith(" 1")).count()).isEqualTo(2);
  }

  @Test
  void dfewFoldsPartitionTheClipsAndFramesAreNamedPerClip() throws Exception {
    Set<String> allTest = new HashSet<>();
    for (int fold = 1; fold <= 5; fold++) {
      List<String> train = lines("dfew/EmoLabel_DataSplit/train(single-labeled)/set_" + fold + ".csv");
      List<String> test = lines("dfew/EmoLabel_DataSplit/test(single-labeled)/set_" + fold + ".csv");
      assertThat(train.get(0)).isEqualTo("video_name,label");
      assertThat(test.get(0)).isEqualTo("video_name,label");
      assertThat(train.size() - 1 + test.size() - 1).isEqualTo(CLIPS);
      for (String row : test.subList(1, test.size())) {
        assertThat(row).matches("\\d+,[1-7]");
        assertThat(allTest.add(row)).as("clip tested in two folds: " + row).isTrue();
      }
    }
    assertThat(allTest).hasSize(CLIPS);
    for (int clip = 1; clip <= CLIPS; clip++) {
      Path folder = dir.resolve(String.format("dfew/Clip/clip_224x224/%05d", clip));
      try (var files = Files.list(folder)) {
        List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
        assertThat(names.size()).isBetween(16, 17);
        assertThat(names.get(0)).isEqualTo(String.format("%05d_00001.jpg", clip));
      }
    }
    assertThat(lines("dfew/synth_intensity.csv").get(0)).isEqualTo("video_name,frame,intensity");
  }

  @Test
  void fedRoListPointsIntoTheSevenEmotionFolders() throws Exception {
    List<String> rows = lines("fedro/occlusion_emotion_dataset.txt");
    assertThat(rows).hasSize(OCCLUDED);
    for (String row : rows) {
      assertThat(row).matches("(neural|happy|sad|surprise|fear|disgust|anger)/synth_\\d{5}\\.jpg");
      assertThat(dir.resolve("fedro").resolve(row)).isRegularFile();
    }
    List<String> meta = lines("fedro/synth_occlusion.csv");
    assertThat(meta.subList(1, meta.size())).allMatch(m -> !m.split(",")[1].equals("none"));
  }

  @Test
  void manifestCountsMatchTheFiles() throws Exception {
    JsonNode json = new ObjectMapper().readTree(dir.resolve("synth.json").toFile());
    assertThat(json.at("/config/seed").asLong()).isEqualTo(3);
    int trainSum = 0;
    for (JsonNode n : json.at("/counts/rafdb/train")) {
      trainSum += n.asInt();
    }
    assertThat(trainSum).isEqualTo(24);
    assertThat(json.at("/counts/dfew/clips").asInt()).isEqualTo(CLIPS);
    long frames = json.at("/counts/dfew/frames").asLong();
    assertThat(report.units()).isEqualTo(IMAGES + OCCLUDED + frames);
    assertThat(progressCalls).isEqualTo(report.units());
    assertThat(dir.resolve("contact_sheet.png")).isRegularFile();
  }

  @Test
  void outputDoesNotDependOnTheThreadCount(@TempDir Path single) throws Exception {
    SynthGenerator.generate(config(1), single, null);
    for (String f : List.of("rafdb/basic/Image/aligned/train_00007_aligned.jpg", "fedro/occlusion_emotion_dataset.txt",
        "dfew/Clip/clip_224x224/00003/00003_00016.jpg", "celeba/list_attr_celeba.txt")) {
      assertThat(Files.readAllBytes(single.resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve(f)));
    }
  }

  @Test
  void badConfigNamesTheFieldAndTheRange() {
    assertThatThrownBy(() -> SynthConfig.builder().optSize(8).build())
        .isInstanceOf(FerException.class).hasMessageContaining("size = 8").hasMessageContaining("32..1024");
    assertThatThrownBy(() -> SynthConfig.builder().optFrames(8, 12).build())
        .isInstanceOf(FerException.class).hasMessageContaining("16+ frames");
  }
}
