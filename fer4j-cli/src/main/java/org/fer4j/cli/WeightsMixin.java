package org.fer4j.cli;

import ai.djl.nn.Block;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.models.faceres.FaceResWeights;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.WeightLoader;
import picocli.CommandLine.Option;

/**
 * {@code --pretrained FILE} for every command that builds a model: after the block is built and
 * initialised, {@link #apply} copies the file's tensors into it (see {@link WeightLoader}). Without
 * {@code --weights-strict}, tensors that do not fit (typically a 1000-class ImageNet {@code
 * fc}/{@code classifier} on a 7-class model) are skipped and listed.
 */
public final class WeightsMixin {
  @Option(
      names = "--pretrained",
      paramLabel = "FILE",
      description = "Initialise the model from a .safetensors file (torchvision or timm names), or"
          + " 'faceres' for Human's VGGFace2 MobileNet weights (faceres_mobilenet; ./fer models pull human).")
  Path pretrained;

  @Option(
      names = "--weights-format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description =
          "Tensor names in --pretrained: torchvision, timm or auto (detect from the names)."
              + " Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(
      names = "--weights-strict",
      description =
          "Fail when a tensor is missing, unexpected or has another shape, instead of skipping it.")
  boolean strict;

  /** Whether {@code --pretrained} was given. */
  public boolean isSet() {
    return pretrained != null;
  }

  /**
   * The named weights given with {@code --pretrained} ({@code faceres}), if that is what was
   * given; {@code fer train} records them as the model option {@code pretrained} instead of
   * loading them here, so the run's config.json says where its weights started.
   */
  public Optional<String> named() {
    return pretrained != null && FaceResWeights.isName(pretrained.toString()) && !java.nio.file.Files.exists(pretrained)
        ? Optional.of(pretrained.toString())
        : Optional.empty();
  }

  /** The file given with {@code --pretrained}, if any. */
  public Optional<Path> file() {
    return Optional.ofNullable(pretrained);
  }

  /**
   * Loads {@code --pretrained} into an initialised block and prints the summary to {@code log};
   * does nothing without {@code --pretrained}.
   *
   * @return the load report, empty when no file was given
   * @throws org.fer4j.FerException for an unknown format, a bad file or (strict) a mismatch
   */
  public Optional<LoadReport> apply(Block block, PrintStream log) {
    if (pretrained == null) {
      return Optional.empty();
    }
    LoadReport report;
    if (named().isPresent()) {
      // A name, not a file: Human's faceres weights from the human-models cache.
      report = FaceResWeights.load(block, HumanPackage.modelsDir(FaceApiPackage.cacheRoot(null)));
    } else {
      NameMaps.forFormat(format, List.of()); // unknown formats fail before the file is read
      report = WeightLoader.load(block, pretrained, format, strict);
    }
    log.println(report.summary().stripTrailing());
    return Optional.of(report);
  }
}
