package org.fer4j.face.faceapi;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.face.NpmPackage;

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

  /** The package in the cache. */
  public static final NpmPackage NPM =
      new NpmPackage(PACKAGE, VERSION, INTEGRITY, "face-api", "./fer models pull");

  private FaceApiPackage() {}

  /** The cache root: the flag if given, else {@code FER4J_CACHE}, else {@code ~/.cache/fer4j}. */
  public static Path cacheRoot(Path flag) {
    return NpmPackage.cacheRoot(flag);
  }

  /** Folder of the unpacked package inside a cache root. */
  public static Path packageDir(Path cacheRoot) {
    return NPM.dir(cacheRoot);
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

  /** Base64 SHA-512 of a file in npm's integrity format ({@code sha512-...}). */
  public static String integrityOf(Path file) {
    return NpmPackage.integrityOf(file);
  }

  /**
   * Unpacks a checked tarball's {@code model/} and {@code demo/*.jpg} into the cache.
   *
   * @throws FerException when the tarball's hash is not the pinned one (nothing is unpacked)
   */
  public static Path install(Path tarball, Path cacheRoot, String expectedIntegrity) {
    return NPM.install(tarball, cacheRoot, expectedIntegrity,
        name -> name.startsWith("package/model/")
            || (name.startsWith("package/demo/") && name.endsWith(".jpg"))
            || name.equals("package/LICENSE"),
        files -> { });
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
    NPM.pack(cacheRoot, npm);
    return install(NPM.tarball(cacheRoot), cacheRoot, INTEGRITY);
  }
}
