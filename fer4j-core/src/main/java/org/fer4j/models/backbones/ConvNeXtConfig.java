package org.fer4j.models.backbones;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fer4j.FerException;

/**
 * Shape of a ConvNeXt: blocks per stage, channels per stage, layer-scale initial value and the
 * stochastic depth probability reached at the last block. The named variants are torchvision's
 * ({@code convnext_tiny/small/base/large} in {@code torchvision/models/convnext.py}).
 *
 * @param depths blocks per stage (4 stages)
 * @param dims channels per stage
 * @param layerScale initial layer-scale value (1e-6)
 * @param stochasticDepthProb drop probability of the last block, in [0, 1)
 */
public record ConvNeXtConfig(
    int[] depths, int[] dims, float layerScale, double stochasticDepthProb) {
  /** Names accepted by {@link #variant}. */
  public static final List<String> VARIANTS = List.of("tiny", "small", "base", "large");

  public ConvNeXtConfig {
    if (depths.length != dims.length || depths.length == 0) {
      throw FerException.badInput(
          "ConvNeXt depths and dims need one entry per stage, got "
              + Arrays.toString(depths)
              + " and "
              + Arrays.toString(dims));
    }
    if (Arrays.stream(depths).anyMatch(d -> d < 1) || Arrays.stream(dims).anyMatch(d -> d < 1)) {
      throw FerException.badInput("ConvNeXt depths and dims must be >= 1");
    }
    if (!(stochasticDepthProb >= 0 && stochasticDepthProb < 1)) {
      throw FerException.badInput(
          "ConvNeXt stochastic depth probability must be in [0, 1), was " + stochasticDepthProb);
    }
    depths = depths.clone();
    dims = dims.clone();
  }

  /** torchvision's variant by name; an unknown name is an error listing the valid ones. */
  public static ConvNeXtConfig variant(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" ->
          new ConvNeXtConfig(new int[] {3, 3, 9, 3}, new int[] {96, 192, 384, 768}, 1e-6f, 0.1);
      case "small" ->
          new ConvNeXtConfig(new int[] {3, 3, 27, 3}, new int[] {96, 192, 384, 768}, 1e-6f, 0.4);
      case "base" ->
          new ConvNeXtConfig(new int[] {3, 3, 27, 3}, new int[] {128, 256, 512, 1024}, 1e-6f, 0.5);
      case "large" ->
          new ConvNeXtConfig(new int[] {3, 3, 27, 3}, new int[] {192, 384, 768, 1536}, 1e-6f, 0.5);
      default ->
          throw FerException.badInput(
              "unknown ConvNeXt variant '" + name + "'; valid: " + VARIANTS);
    };
  }

  /** A copy with another stochastic depth probability. */
  public ConvNeXtConfig withStochasticDepthProb(double prob) {
    return new ConvNeXtConfig(depths, dims, layerScale, prob);
  }

  @Override
  public int[] depths() {
    return depths.clone();
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvNeXtConfig c
        && Arrays.equals(c.depths, depths)
        && Arrays.equals(c.dims, dims)
        && c.layerScale == layerScale
        && c.stochasticDepthProb == stochasticDepthProb;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(depths) + Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return "ConvNeXtConfig[depths="
        + Arrays.toString(depths)
        + ", dims="
        + Arrays.toString(dims)
        + ", layerScale="
        + layerScale
        + ", stochasticDepthProb="
        + stochasticDepthProb
        + "]";
  }
}
