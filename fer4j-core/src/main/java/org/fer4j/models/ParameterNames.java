package org.fer4j.models;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * PyTorch-style names of a block's parameters. fer4j blocks name every child with the PyTorch
 * module attribute name ({@code conv1}, {@code layer1}, {@code 0}, ...); DJL stores a child as
 * {@code String.format("%02d%s", position, name)}, so stripping that prefix at each level and
 * joining with "." gives the {@code state_dict()} key, once DJL's parameter names are mapped
 * ({@code gamma -> weight}, {@code beta -> bias}, {@code runningMean -> running_mean}, {@code
 * runningVar -> running_var}; {@code weight}, {@code bias} and custom names such as ConvNeXt's
 * {@code layer_scale} stay as they are). Weight import and export rely on this mapping.
 *
 * <p>PyTorch's {@code num_batches_tracked} BatchNorm counters have no DJL counterpart and are not
 * listed.
 */
public final class ParameterNames {
  private static final Map<String, String> DJL_TO_TORCH =
      Map.of(
          "gamma", "weight",
          "beta", "bias",
          "runningMean", "running_mean",
          "runningVar", "running_var");

  private ParameterNames() {}

  /**
   * Every parameter of {@code root} under its PyTorch {@code state_dict()} key, in DJL's order
   * (direct parameters first, then children in insertion order).
   */
  public static LinkedHashMap<String, Parameter> torchNames(Block root) {
    LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
    collect(root, "", out);
    return out;
  }

  /** The PyTorch name of one DJL parameter name. */
  public static String torchParameterName(String djlName) {
    return DJL_TO_TORCH.getOrDefault(djlName, djlName);
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> out) {
    for (Parameter p : block.getDirectParameters().values()) {
      String key = prefix + torchParameterName(p.getName());
      if (out.put(key, p) != null) {
        throw new IllegalStateException("two parameters map to the same name " + key);
      }
    }
    int position = 1;
    for (Pair<String, Block> child : block.getChildren()) {
      String name = stripPosition(child.getKey(), position++);
      collect(child.getValue(), prefix + name + ".", out);
    }
  }

  /** "01conv1" at position 1 becomes "conv1"; DJL numbers children from 1, zero-padded to 2. */
  private static String stripPosition(String childKey, int position) {
    String expected = String.format(Locale.ROOT, "%02d", position);
    if (!childKey.startsWith(expected)) {
      throw new IllegalStateException(
          "child '" + childKey + "' does not start with its position " + expected);
    }
    return childKey.substring(expected.length());
  }
}
