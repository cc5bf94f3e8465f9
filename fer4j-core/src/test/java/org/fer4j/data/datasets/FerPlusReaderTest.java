package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Collections;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FerPlusReaderTest {
  private static final String VOTE_HEADER =
      "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF";

  @TempDir Path root;
  Path votes;
  Path pixels;

  /** 2304 pixel values 0,1,2,...,255,0,1,... or {@code count} of them. */
  private static String pixelText(int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : " ").append(i % 256);
    }
    return sb.toString();
  }

  @BeforeEach
  void writeFixture() {
    String ok = pixelText(48 * 48);
    pixels = Fixtures.text(root, "fer2013.csv", "emotion,pixels,Usage",
        "3," + ok + ",Training",
        "5," + ok + ",Training",
        "6," + ok + ",PublicTest",
        "0," + ok + ",PrivateTest",
        "2," + pixelText(48 * 48 - 1) + ",Training",
        "4," + ok + ",Training",
        "4," + ok.replace(" 17 ", " 1x ") + ",PublicTest");
    votes = Fixtures.text(root, "fer2013new.csv", VOTE_HEADER,
        "Training,fer0000000.png,0,8,0,0,2,0,0,0,0,0",
        "Training,,0,0,0,0,0,0,0,0,0,10",
        "PublicTest,fer0000002.png,6,0,2,0,0,0,0,0,2,0",
        "PrivateTest,fer0000003.png,0,0,0,0,0,0,0,0,0,10",
        "Training,fer0000004.png,0,0,10,0,0,0,0,0,0,0",
        "Training,fer0000005.png,0,0,0,x,0,0,0,0,0,0",
        "PublicTest,fer0000006.png,0,10,0,0,0,0,0,0,0,0");
  }

  @Test
  void majorityModeFollowsTheFerPlusRule() {
    DatasetIndex index = DatasetReaders.read("ferplus", root, ReaderOptions.defaults());

    assertThat(index.labels()).isEqualTo(LabelSpace.EXPRESSION_8);
    Sample happy = index.split("train").get(0);
    assertThat(happy.id()).isEqualTo("fer0000000.png");
    assertThat(index.labels().nameOf(happy.label())).isEqualTo("Happiness"); // 8 of 10 votes
    assertThat(happy.target()).isNull();
    ImageRef.Pixels px = (ImageRef.Pixels) happy.image();
    assertThat(px.origin()).isEqualTo("fer2013.csv:2");
    assertThat(px.width()).isEqualTo(48);
    assertThat(px.data()[257] & 0xff).isEqualTo(1); // value 257 % 256
    Sample val = index.split("val").get(0);
    assertThat(index.labels().nameOf(val.label())).isEqualTo("Neutral"); // 6 of 10 votes
  }

  @Test
  void skipsAndCountsRowsWithReasons() {
    DatasetIndex index = DatasetReaders.read("ferplus", root, ReaderOptions.defaults());

    assertThat(index.split("train")).hasSize(1);
    assertThat(index.split("test")).isEmpty();
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        votes + ":7: malformed line: expected Usage, Image name and 10 vote counts, got"
            + " 'Training,fer0000005.png,0,0,0,x,0,0,0,0,0,0'",
        pixels + ":6: malformed line: expected emotion,pixels,Usage with 2304 pixel values, got"
            + " 2303 values",
        pixels + ":8: malformed line: pixel 18 is '1x', not 0..255");
    assertThat(index.excluded()).extracting(Problem::message).containsExactly(
        votes + ":3: no image name (FERPlus has no image for this row)",
        votes + ":5: votes say not a face: label NF");
  }

  @Test
  void probabilityModeGivesTheVoteDistributionInCanonicalOrder() {
    ReaderOptions soft = ReaderOptions.builder().optSetting("mode", "probability").build();

    DatasetIndex index = DatasetReaders.read("ferplus", root, soft);

    // neutral 6, surprise 2, unknown 2: neutral and surprise cover 8 >= 7.5 of 10; unknown ties
    // with surprise but comes after other classes, so it is dropped.
    Sample val = index.split("val").get(0);
    LabelSpace s = index.labels();
    assertThat(s.nameOf(val.label())).isEqualTo("Neutral");
    assertThat(val.target()[s.indexOf("Neutral")]).isCloseTo(0.75f, within(1e-6f));
    assertThat(val.target()[s.indexOf("Surprise")]).isCloseTo(0.25f, within(1e-6f));
    assertThat(val.target()[s.indexOf("Happiness")]).isZero();
    assertThat(index.settings()).containsEntry("mode", "probability");
  }

  @Test
  void sevenClassesDropsContempt() {
    Fixtures.text(root, "fer2013new.csv", VOTE_HEADER,
        "Training,fer0000000.png,0,0,0,0,0,0,0,9,1,0",
        String.join("\n", Collections.nCopies(5, "Training,a.png,10,0,0,0,0,0,0,0,0,0")));
    ReaderOptions seven = ReaderOptions.builder().optSetting("classes", "7").build();

    DatasetIndex index = DatasetReaders.read("ferplus", root, seven);

    assertThat(index.labels()).isEqualTo(LabelSpace.EXPRESSION_7);
    assertThat(index.excluded()).extracting(Problem::message).containsExactly(
        root.resolve("fer2013new.csv") + ":2: class not in the 7-class space: Contempt");
    assertThat(index.split("train")).hasSize(4); // 5 neutral rows, one with bad pixels
  }
}
