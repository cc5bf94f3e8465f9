package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReadersTest {
  @TempDir Path root;

  @Test
  void listsEveryFormat() {
    assertThat(DatasetReaders.names()).containsExactly("rafdb", "ferplus", "affectnet", "celeba",
        "dfew", "ferv39k", "fedro", "sfew", "ckplus", "imagefolder", "csv");
    assertThat(DatasetReaders.get("RafDB").format()).isEqualTo("rafdb");
  }

  @Test
  void unknownFormatListsTheValidOnes() {
    assertThatThrownBy(() -> DatasetReaders.get("fer2013"))
        .isInstanceOf(FerException.class)
        .hasMessage("unknown data set format 'fer2013'; valid: rafdb, ferplus, affectnet, celeba,"
            + " dfew, ferv39k, fedro, sfew, ckplus, imagefolder, csv");
  }

  @Test
  void unknownSettingListsTheValidOnes() {
    ReaderOptions bad = ReaderOptions.builder().optSetting("image=original").build();

    assertThatThrownBy(() -> DatasetReaders.read("rafdb", root, bad))
        .isInstanceOf(FerException.class)
        .hasMessage("format rafdb has no setting [image]; valid: [images]");
    assertThatThrownBy(() -> ReaderOptions.builder().optSetting("original"))
        .hasMessage("setting 'original' must have the form key=value, e.g. images=original");
  }

  @Test
  void badSettingValueNamesTheChoices() {
    Fixtures.text(root, "EmoLabel/list_patition_label.txt", "train_00001.jpg 1");
    ReaderOptions bad = ReaderOptions.builder().optSetting("images", "cropped").build();

    assertThatThrownBy(() -> DatasetReaders.read("rafdb", root, bad))
        .isInstanceOf(FerException.class)
        .hasMessage("setting images=cropped is not valid; use one of aligned, original");
  }

  @Test
  void aFileInsteadOfAFolderIsNotFound() {
    Path file = Fixtures.text(root, "x.txt", "x");

    assertThatThrownBy(() -> DatasetReaders.read("sfew", file, ReaderOptions.defaults()))
        .isInstanceOf(FerException.class)
        .hasMessage("SFEW: " + file + " is not a folder; point DIR at the unpacked data set")
        .extracting(e -> ((FerException) e).exitCode()).isEqualTo(4);
  }
}
