package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameFoldersTest {
  @TempDir Path root;

  @Test
  void naturalOrderComparesDigitRunsByValue() {
    List<String> names = new ArrayList<>(List.of("f10.jpg", "f2.jpg", "f1.jpg", "f02.jpg",
        "e9.jpg", "f1a.jpg"));

    names.sort(FrameFolders.NATURAL_ORDER);

    // f02 and f2 have the same value; the tie is broken by plain text order ("f02" < "f2").
    assertThat(names).containsExactly("e9.jpg", "f1.jpg", "f1a.jpg", "f02.jpg", "f2.jpg",
        "f10.jpg");
  }

  @Test
  void listsOnlyVisibleImageFiles() {
    Fixtures.image(root, "clip/3.jpg");
    Fixtures.image(root, "clip/12.PNG");
    Fixtures.bytes(root, "clip/.hidden.jpg", new byte[] {1});
    Fixtures.bytes(root, "clip/notes.txt", new byte[] {1});
    Fixtures.dir(root, "clip/sub.jpg");

    assertThat(FrameFolders.images(root.resolve("clip")))
        .extracting(p -> p.getFileName().toString()).containsExactly("3.jpg", "12.PNG");
    assertThat(FrameFolders.images(root.resolve("absent"))).isEmpty();
  }
}
