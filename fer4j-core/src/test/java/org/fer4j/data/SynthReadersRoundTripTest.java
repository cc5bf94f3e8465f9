package org.fer4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fer4j.data.datasets.DatasetIndex;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.data.datasets.ReaderOptions;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SynthFER writes the official layouts and the real readers load them unchanged, strictly and with
 * every image decoded: the generator and the readers check each other's reading of the formats.
 */
class SynthReadersRoundTripTest {
  @TempDir static Path dir;

  @BeforeAll
  static void generate() {
    SynthConfig c = SynthConfig.builder().optSeed(3).optSize(48).optImages(120).optClips(10)
        .optOccluded(21).optIdentities(40).optFrames(16, 18).build();
    SynthGenerator.generate(c, dir, null);
  }

  private static DatasetIndex read(String format, String sub) {
    ReaderOptions strict = ReaderOptions.builder().optStrict(true).optCheckImages(true).build();
    return DatasetReaders.read(format, dir.resolve(sub), strict);
  }

  @Test
  void rafdbLayout() {
    DatasetIndex idx = read("rafdb", "rafdb/basic");
    assertThat(idx.split("train").size() + idx.split("test").size()).isEqualTo(120);
    assertThat(idx.problems()).isEmpty();
    assertThat(idx.split("test")).allSatisfy(s -> assertThat(s.id()).startsWith("test_"));
  }

  @Test
  void celebaLayoutHasFortyBinaryAttributes() {
    DatasetIndex idx = read("celeba", "celeba");
    assertThat(idx.size()).isEqualTo(120);
    assertThat(idx.split("train").get(0).target()).hasSize(40);
    assertThat(idx.split("train").get(0).target()).containsOnly(0f, 1f);
  }

  @Test
  void dfewLayoutHasFiveFoldsOfClips() {
    DatasetIndex idx = read("dfew", "dfew");
    assertThat(idx.foldCount()).isEqualTo(5);
    DatasetIndex fold1 = idx.fold(1);
    assertThat(fold1.split("train").size() + fold1.split("test").size()).isEqualTo(10);
    assertThat(fold1.split("train").get(0).frames().size()).isBetween(16, 18);
  }

  @Test
  void fedroLayoutIsTestOnly() {
    DatasetIndex idx = read("fedro", "fedro");
    assertThat(idx.splitNames()).containsExactly("test");
    assertThat(idx.split("test")).hasSize(21);
  }
}
