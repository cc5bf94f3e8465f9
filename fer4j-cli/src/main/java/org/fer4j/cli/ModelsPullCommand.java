package org.fer4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fer4j.face.faceapi.FaceApiPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fer models pull}: fetches the pinned face-api weights ({@code @vladmandic/face-api}
 * 1.7.15, MIT) with {@code npm pack}, checks the tarball's integrity hash and unpacks the
 * weights and sample photos into the cache.
 */
@Command(
    name = "pull",
    description = "Fetch the pretrained face-api weights (npm pack, integrity-checked) into the cache.")
public final class ModelsPullCommand implements Callable<Integer> {
  @Option(names = "--cache", description = "Cache folder (default: $FER4J_CACHE or ~/.cache/fer4j).")
  Path cache;

  @Option(names = "--npm", description = "npm executable (default: ${DEFAULT-VALUE}).", defaultValue = "npm")
  String npm;

  @Option(names = "--force", description = "Fetch again even if the weights are already cached.")
  boolean force;

  @Override
  public Integer call() {
    Path root = FaceApiPackage.cacheRoot(cache);
    Path dir = FaceApiPackage.pull(root, npm, force);
    System.out.println(
        FaceApiPackage.PACKAGE + "@" + FaceApiPackage.VERSION + " (integrity "
            + FaceApiPackage.INTEGRITY.substring(0, 20) + "..., MIT licence) is in " + dir);
    System.out.println("weights: " + FaceApiPackage.weightsDir(root));
    System.out.println("sample photos: " + FaceApiPackage.demoDir(root));
    return 0;
  }
}
