package org.fer4j.face.faceapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fer4j.FerException;

/**
 * The pinned source of face-api's pretrained weights and sample photos: the npm package
 * {@code @vladmandic/face-api} 1.7.15 (MIT licence), fetched with {@code npm pack}, checked
 * against the integrity hash pinned here, and unpacked into fer4j's cache.
 *
 * <p>Cache: {@code --cache DIR}, else the {@code FER4J_CACHE} environment variable, else
 * {@code ~/.cache/fer4j}. Layout: {@code face-api/1.7.15/model/*} (weights) and
 * {@code face-api/1.7.15/demo/sample*.jpg} (photos), plus {@code golden/} written by
 * {@code tools/golden/setup.sh}.
 */
public final class FaceApiPackage {
  /** npm package name. */
  public static final String PACKAGE = "@vladmandic/face-api";

  /** The one version fer4j's networks are verified against. */
  public static final String VERSION = "1.7.15";

  /** npm's Subresource Integrity of the 1.7.15 tarball ({@code npm view ... dist.integrity}). */
  public static final String INTEGRITY =
      "sha512-WDMmK3CfNLo8jylWqMoQgf4nIst3M0fzx1dnac96wv/dvMTN4DxC/Pq1DGtduDk1lktCamQ3MIDXFnvrdHTXDw==";

  private FaceApiPackage() {}

  /** The cache root: the flag if given, else {@code FER4J_CACHE}, else {@code ~/.cache/fer4j}. */
  public static Path cacheRoot(Path flag) {
    if (flag != null) {
      return flag;
    }
    String env = System.getenv("FER4J_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "fer4j");
  }

  /** Folder of the unpacked package inside a cache root. */
  public static Path packageDir(Path cacheRoot) {
    return cacheRoot.resolve("face-api").resolve(VERSION);
  }

  /** The weights folder inside a cache root. */
  public static Path weightsDir(Path cacheRoot) {
    return packageDir(cacheRoot).resolve("model");
  }

  /** The sample photos folder inside a cache root. */
  public static Path demoDir(Path cacheRoot) {
    return packageDir(cacheRoot).resolve("demo");
  }

  /**
   * The weights folder to use: {@code --weights DIR} if given, else the cache's.
   *
   * @throws FerException saying how to get the weights when neither has them
   */
  public static Path resolveWeights(Path weightsFlag, Path cacheFlag) {
    Path dir = weightsFlag != null ? weightsFlag : weightsDir(cacheRoot(cacheFlag));
    if (!Files.isRegularFile(dir.resolve(FaceApiModels.Net.LANDMARKS_68.manifestName()))) {
      throw new FerException(
          FerException.Kind.ENVIRONMENT,
          "no face-api weights in " + dir + ". Run './fer models pull' once (needs npm; fetches "
              + PACKAGE + "@" + VERSION + " into the cache), or pass --weights DIR with the"
              + " package's model/ folder.");
    }
    return dir;
  }

  /**
   * Base64 SHA-512 of a file in npm's integrity format ({@code sha512-...}).
   */
  public static String integrityOf(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-512");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new FerException(FerException.Kind.ENVIRONMENT, "cannot hash " + file, e);
    }
  }

  /**
   * Unpacks a checked tarball's {@code model/} and {@code demo/*.jpg} into the cache.
   *
   * @throws FerException when the tarball's hash is not the pinned one (nothing is unpacked)
   */
  public static Path install(Path tarball, Path cacheRoot, String expectedIntegrity) {
    String actual = integrityOf(tarball);
    if (!actual.equals(expectedIntegrity)) {
      throw new FerException(
          FerException.Kind.ENVIRONMENT,
          tarball + " failed the integrity check: expected " + expectedIntegrity + " but got "
              + actual + ". The download is corrupt or not " + PACKAGE + "@" + VERSION
              + "; delete it and run './fer models pull' again.");
    }
    Path target = packageDir(cacheRoot);
    Path staging = target.resolveSibling(VERSION + ".partial");
    try {
      deleteTree(staging);
      TarGz.extract(
          tarball,
          staging,
          name -> name.startsWith("package/model/")
              || (name.startsWith("package/demo/") && name.endsWith(".jpg"))
              || name.equals("package/LICENSE"),
          "package/");
      deleteTree(target);
      Files.createDirectories(target.getParent());
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new FerException(FerException.Kind.ENVIRONMENT, "cannot unpack " + tarball + " into " + target, e);
    }
    return target;
  }

  /**
   * Fetches the pinned tarball with {@code npm pack} into the cache and installs it. Quick when
   * already done: the weights folder is checked first.
   *
   * @param npm the npm executable (normally {@code npm})
   * @return the package folder in the cache
   */
  public static Path pull(Path cacheRoot, String npm, boolean force) {
    Path target = packageDir(cacheRoot);
    if (!force && Files.isRegularFile(weightsDir(cacheRoot).resolve(FaceApiModels.Net.AGE_GENDER.manifestName()))) {
      return target;
    }
    Path downloads = cacheRoot.resolve("downloads");
    npmPack(npm, PACKAGE, VERSION, downloads);
    Path tarball = downloads.resolve("vladmandic-face-api-" + VERSION + ".tgz");
    return install(tarball, cacheRoot, INTEGRITY);
  }

  /**
   * Runs {@code npm pack PACKAGE@VERSION} in {@code downloads}, which then holds npm's tarball
   * ({@code scope-name-version.tgz}). The caller checks its integrity before using it.
   *
   * @throws FerException saying what to do when npm is missing or fails
   */
  public static void npmPack(String npm, String pkg, String version, Path downloads) {
    try {
      Files.createDirectories(downloads);
      Process p =
          new ProcessBuilder(List.of(npm, "pack", pkg + "@" + version, "--silent"))
              .directory(downloads.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new FerException(
            FerException.Kind.ENVIRONMENT,
            "'npm pack " + pkg + "@" + version + "' failed:\n" + output.strip()
                + "\nCheck that npm is installed and can reach its registry, or download the"
                + " package yourself and pass its model folder with --weights DIR.");
      }
    } catch (IOException e) {
      throw new FerException(
          FerException.Kind.ENVIRONMENT,
          "cannot run '" + npm + "': " + e.getMessage() + ". Install Node.js/npm, or pass --weights DIR.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FerException(FerException.Kind.ENVIRONMENT, "interrupted while running npm pack", e);
    }
  }

  /** Deletes a folder and everything in it; nothing when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
