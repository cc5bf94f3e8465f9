package org.fer4j.cli;

import ai.djl.nn.Block;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.WeightLoader;
import picocli.CommandLine.Option;

/**
 * {@code --pretrained FILE} for every command that builds a model: after the block is built and
 * initialised, {@link #apply} copies the file's tensors into it (see {@link WeightLoader}).
 * Without {@code --weights-strict}, tensors that do not fit (typically a 1000-class ImageNet
 * {@code fc}/{@code classifier} on a 7-class model) are skipped and listed.
 */
public final class WeightsMixin {
  @Option(
      names = "--pretrained",
      paramLabel = "FILE",
      description = "Initialise the model from a .safetensors file (torchvision or timm names).")
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
    NameMaps.forFormat(format, java.util.List.of()); // unknown formats fail before the file is read
    LoadReport report = WeightLoader.load(block, pretrained, format, strict);
    log.println(report.summary().stripTrailing());
    return Optional.of(report);
  }
}
