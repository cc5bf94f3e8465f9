package org.fer4j.models;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names every parameter of a block the way torchvision's {@code state_dict()} does.
 *
 * <p>DJL names a child block {@code String.format("%02d%s", index, name)} (e.g. {@code 01conv1});
 * fer4j backbones name each child by its torchvision attribute. Stripping the two-digit prefix at
 * every level, joining with dots and renaming DJL's parameter names ({@code gamma -> weight},
 * {@code beta -> bias}, {@code runningMean -> running_mean}, {@code runningVar -> running_var};
 * others kept, e.g. {@code layer_scale}) gives torchvision's key, e.g. {@code layer1.0.bn1.weight}.
 */
public final class ParameterNames {
  private static final Map<String, String> DJL_TO_TORCH =
      Map.of(
          "gamma", "weight",
          "beta", "bias",
          "runningMean", "running_mean",
          "runningVar", "running_var");

  private ParameterNames() {}

  /** Every parameter of {@code block} (own ones first, then children in order) by torch name. */
  public static LinkedHashMap<String, Parameter> torchNames(Block block) {
    LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
    collect(block, "", out);
    return out;
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> out) {
    for (Pair<String, Parameter> p : block.getDirectParameters()) {
      String name = prefix + torchParameterName(p.getKey());
      if (out.put(name, p.getValue()) != null) {
        throw new IllegalStateException("two parameters map to the torch name " + name);
      }
    }
    for (Pair<String, Block> child : block.getChildren()) {
      collect(child.getValue(), prefix + stripIndex(child.getKey()) + ".", out);
    }
  }

  /** DJL parameter name to torch's ({@code gamma -> weight}, ...; other names unchanged). */
  public static String torchParameterName(String djlName) {
    return DJL_TO_TORCH.getOrDefault(djlName, djlName);
  }

  /** {@code 01conv1 -> conv1}: drops DJL's two-digit child index. */
  public static String stripIndex(String childName) {
    if (childName.length() > 2
        && Character.isDigit(childName.charAt(0))
        && Character.isDigit(childName.charAt(1))) {
      return childName.substring(2);
    }
    return childName;
  }
}
