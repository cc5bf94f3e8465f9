package org.fer4j.weights;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fer4j.FerException;

/**
 * The name conventions fer4j imports: torchvision's {@code state_dict()} keys (identity) and
 * timm's (Ross Wightman, huggingface/pytorch-image-models). Both drop BatchNorm's
 * {@code num_batches_tracked} and a leading {@code module.} (left by {@code DataParallel}).
 *
 * <p>timm's ResNet names equal torchvision's ({@code timm/models/resnet.py}: {@code conv1, bn1,
 * layer1..4, downsample.0/1, fc}). timm's ConvNeXt ({@code timm/models/convnext.py}) differs:
 *
 * <pre>
 * stem.0 / stem.1                      -> features.0.0 / features.0.1
 * stages.N.downsample.0 / .1 (N >= 1)  -> features.(2N).0 / features.(2N).1
 * stages.N.blocks.M.conv_dw            -> features.(2N+1).M.block.0
 * stages.N.blocks.M.norm               -> features.(2N+1).M.block.2
 * stages.N.blocks.M.mlp.fc1 / mlp.fc2  -> features.(2N+1).M.block.3 / block.5
 * stages.N.blocks.M.gamma  (C,)        -> features.(2N+1).M.layer_scale  (C,1,1)
 * head.norm / head.fc                  -> classifier.0 / classifier.2
 * </pre>
 */
public final class NameMaps {
  /** Valid values of {@code --weights-format}. */
  public static final List<String> FORMATS = List.of("torchvision", "timm", "auto");

  private static final String DATA_PARALLEL_PREFIX = "module.";
  private static final String BATCH_COUNTER = "num_batches_tracked";
  private static final Pattern TIMM_STEM = Pattern.compile("stem\\.([01])\\.(.+)");
  private static final Pattern TIMM_DOWNSAMPLE =
      Pattern.compile("stages\\.([1-9]\\d*)\\.downsample\\.([01])\\.(.+)");
  private static final Pattern TIMM_BLOCK =
      Pattern.compile("stages\\.(\\d+)\\.blocks\\.(\\d+)\\.(conv_dw|norm|mlp\\.fc1|mlp\\.fc2)\\.(.+)");
  private static final Pattern TIMM_GAMMA = Pattern.compile("stages\\.(\\d+)\\.blocks\\.(\\d+)\\.gamma");
  private static final Pattern TIMM_HEAD = Pattern.compile("head\\.(norm|fc)\\.(.+)");

  private NameMaps() {}

  /** torchvision's own names: identity apart from the dropped tensors. */
  public static NameMap torchvision() {
    return new Simple("torchvision", false);
  }

  /** timm's names (ResNet identical to torchvision, ConvNeXt rewritten; see class comment). */
  public static NameMap timm() {
    return new Simple("timm", true);
  }

  /**
   * The map for a {@code --weights-format} value; {@code auto} looks at the file's keys.
   *
   * @throws FerException BAD_INPUT for an unknown format, listing the valid ones
   */
  public static NameMap forFormat(String format, Collection<String> fileKeys) {
    return switch (format) {
      case "torchvision" -> torchvision();
      case "timm" -> timm();
      case "auto" -> detect(fileKeys);
      default ->
          throw FerException.badInput(
              "unknown weights format '" + format + "'; valid formats: " + String.join(", ", FORMATS));
    };
  }

  /** timm when any key uses a timm-only module name ({@code stem.}, {@code stages.}, {@code head.}). */
  public static NameMap detect(Collection<String> fileKeys) {
    for (String key : fileKeys) {
      String k = stripWrapper(key);
      if (k.startsWith("stem.") || k.startsWith("stages.") || k.startsWith("head.")) {
        return timm();
      }
    }
    return torchvision();
  }

  private static String stripWrapper(String key) {
    return key.startsWith(DATA_PARALLEL_PREFIX) ? key.substring(DATA_PARALLEL_PREFIX.length()) : key;
  }

  /** Rewrites one timm key; keys no rule matches (ResNet, or unknown) are returned unchanged. */
  static String timmToTorchvision(String key) {
    Matcher m = TIMM_STEM.matcher(key);
    if (m.matches()) {
      return "features.0." + m.group(1) + "." + m.group(2);
    }
    m = TIMM_DOWNSAMPLE.matcher(key);
    if (m.matches()) {
      return "features." + 2 * Integer.parseInt(m.group(1)) + "." + m.group(2) + "." + m.group(3);
    }
    m = TIMM_BLOCK.matcher(key);
    if (m.matches()) {
      String part =
          switch (m.group(3)) {
            case "conv_dw" -> "0";
            case "norm" -> "2";
            case "mlp.fc1" -> "3";
            default -> "5";
          };
      return blockPrefix(m) + ".block." + part + "." + m.group(4);
    }
    m = TIMM_GAMMA.matcher(key);
    if (m.matches()) {
      return blockPrefix(m) + ".layer_scale";
    }
    m = TIMM_HEAD.matcher(key);
    if (m.matches()) {
      return "classifier." + ("norm".equals(m.group(1)) ? "0" : "2") + "." + m.group(2);
    }
    return key;
  }

  private static String blockPrefix(Matcher m) {
    return "features." + (2 * Integer.parseInt(m.group(1)) + 1) + "." + m.group(2);
  }

  private record Simple(String name, boolean timm) implements NameMap {
    @Override
    public Optional<String> map(String fileKey) {
      String key = stripWrapper(fileKey);
      if (key.equals(BATCH_COUNTER) || key.endsWith("." + BATCH_COUNTER)) {
        return Optional.empty();
      }
      return Optional.of(timm ? timmToTorchvision(key) : key);
    }

    @Override
    public boolean reshapeAllowed(String fileKey) {
      return timm && TIMM_GAMMA.matcher(stripWrapper(fileKey)).matches();
    }
  }
}
