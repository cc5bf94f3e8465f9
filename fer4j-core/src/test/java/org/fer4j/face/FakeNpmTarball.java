package org.fer4j.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fer4j.FerException;

/** Test tarballs laid out like {@code npm pack}'s: every entry under {@code package/}. */
public final class FakeNpmTarball {
  private FakeNpmTarball() {}

  /**
   * Writes {@code files} (path inside the package to text) under {@code tmp/src/package} and packs
   * them with {@code tar czf} into {@code tmp/<name>.tgz}.
   */
  public static Path create(Path tmp, String name, Map<String, String> files)
      throws IOException, InterruptedException {
    Path src = tmp.resolve("src/package");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = src.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    Path tgz = tmp.resolve(name + ".tgz");
    Process p = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", tmp.resolve("src").toString(), "package")
        .inheritIO().start();
    assertThat(p.waitFor()).isZero();
    return tgz;
  }

  /**
   * Checks that {@code install}, given a hash that is not the tarball's, fails naming the check and
   * the expected hash, and leaves nothing at {@code packageFolder}.
   */
  public static void assertWrongHashRefused(ThrowingCallable install, String expected, Path packageFolder) {
    assertThatThrownBy(install)
        .isInstanceOf(FerException.class)
        .hasMessageContaining("failed the integrity check")
        .hasMessageContaining(expected);
    assertThat(packageFolder).doesNotExist();
  }
}
