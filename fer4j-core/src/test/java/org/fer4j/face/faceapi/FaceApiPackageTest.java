package org.fer4j.face.faceapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.face.FakeNpmTarball;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned download: integrity check, unpacking, cache layout, error messages. */
class FaceApiPackageTest {
  @TempDir Path tmp;

  // A tarball laid out like npm's: everything under package/.
  private Path fakeTarball() throws IOException, InterruptedException {
    return FakeNpmTarball.create(tmp, "face-api", Map.of(
        "model/x-weights_manifest.json", "[]",
        "demo/sample1.jpg", "jpeg bytes",
        "demo/index.js", "not a photo",
        "README.md", "readme"));
  }

  @Test
  void integrityIsNpmsBase64Sha512() throws IOException {
    Path f = tmp.resolve("abc");
    Files.writeString(f, "abc", StandardCharsets.US_ASCII);
    assertThat(FaceApiPackage.integrityOf(f))
        .isEqualTo("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==");
  }

  @Test
  void installUnpacksWeightsAndPhotosOnly() throws Exception {
    Path tgz = fakeTarball();
    Path cache = tmp.resolve("cache");
    Path dir = FaceApiPackage.install(tgz, cache, FaceApiPackage.integrityOf(tgz));
    assertThat(dir).isEqualTo(cache.resolve("face-api/1.7.15"));
    assertThat(Files.readString(dir.resolve("model/x-weights_manifest.json"))).isEqualTo("[]");
    assertThat(dir.resolve("demo/sample1.jpg")).exists();
    assertThat(dir.resolve("demo/index.js")).doesNotExist();
    assertThat(dir.resolve("README.md")).doesNotExist();
  }

  @Test
  void wrongHashIsRefusedAndNothingIsUnpacked() throws Exception {
    Path tgz = fakeTarball();
    Path cache = tmp.resolve("cache");
    FakeNpmTarball.assertWrongHashRefused(
        () -> FaceApiPackage.install(tgz, cache, FaceApiPackage.INTEGRITY), FaceApiPackage.INTEGRITY, cache.resolve("face-api"));
  }

  @Test
  void pullIsANoOpWhenTheWeightsAreCached() throws IOException {
    Path cache = tmp.resolve("cache");
    Path weights = FaceApiPackage.weightsDir(cache);
    Files.createDirectories(weights);
    Files.writeString(weights.resolve(FaceApiModels.Net.AGE_GENDER.manifestName()), "[]");
    // npm is never started: the executable does not even exist.
    assertThat(FaceApiPackage.pull(cache, tmp.resolve("no-npm").toString(), false))
        .isEqualTo(FaceApiPackage.packageDir(cache));
  }

  @Test
  void missingNpmSaysWhatToDo() {
    assertThatThrownBy(() -> FaceApiPackage.pull(tmp.resolve("c"), tmp.resolve("no-npm").toString(), false))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("no-npm")
        .hasMessageContaining("--weights DIR");
  }

  @Test
  void missingWeightsExplainHowToGetThem() {
    assertThatThrownBy(() -> FaceApiPackage.resolveWeights(tmp.resolve("nothing"), null))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("./fer models pull")
        .extracting(e -> ((FerException) e).exitCode())
        .isEqualTo(5);
  }
}
