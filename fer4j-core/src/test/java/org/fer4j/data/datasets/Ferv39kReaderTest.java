package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ferv39kReaderTest {
  @TempDir Path root;

  @Test
  void readsSplitFilesByClassName() {
    for (String clip : new String[] {"Interview/Happy/0118", "Daily/Angry/0002",
        "Daily/Fear/0003"}) {
      Fixtures.image(root, "2_ClipsforFaceCrop/" + clip + "/1.jpg");
      Fixtures.image(root, "2_ClipsforFaceCrop/" + clip + "/2.jpg");
    }
    Path train = Fixtures.text(root, "4_setups/All_scenes/train_All.csv",
        "Interview/Happy/0118 Happy", "Daily/Angry/0002 Angry", "Daily/Sad/0404 Sad",
        "Daily/Bored/0001 Bored", "broken");
    Fixtures.text(root, "4_setups/All_scenes/test_All.csv", "Daily/Fear/0003 Fear");

    DatasetIndex index = DatasetReaders.read("ferv39k", root, ReaderOptions.defaults());

    assertThat(index.split("train")).extracting(Sample::id)
        .containsExactly("Interview/Happy/0118", "Daily/Angry/0002");
    assertThat(index.split("train")).extracting(s -> index.labels().nameOf(s.label()))
        .containsExactly("Happiness", "Anger");
    assertThat(index.split("train").get(0).frames()).hasSize(2);
    assertThat(index.labels().nameOf(index.split("test").get(0).label())).isEqualTo("Fear");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        train + ":3: clip has no frames: 2_ClipsforFaceCrop/Daily/Sad/0404",
        train + ":4: unknown label: 'Bored' (valid: Happy, Sad, Neutral, Angry, Surprise,"
            + " Disgust, Fear)",
        train + ":5: malformed line: expected 'Scene/Class/id Class', got 'broken'");
  }
}
