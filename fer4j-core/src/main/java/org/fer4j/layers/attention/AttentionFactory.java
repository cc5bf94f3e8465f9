package org.fer4j.layers.attention;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fer4j.FerException;

/**
 * Makes an attention block from a short key, so backbones take attention as configuration and every
 * ablation is a name ({@code se_resnet18}, {@code cbam_resnet18}...); timm's {@code
 * timm/layers/create_attn.py} does the same.
 *
 * <p>Every block maps {@code (N, C, H, W)} to an {@link ai.djl.ndarray.NDList} whose first element
 * is the re-weighted map of the same shape; {@code gcsa} adds its auxiliary logits as a second
 * element.
 */
public final class AttentionFactory {
  /** The keys {@link #create} understands, in documentation order. */
  public static final List<String> KEYS = List.of("none", "se", "eca", "cbam", "gcsa", "cca", "nl");

  private AttentionFactory() {}

  /**
   * The attention block for {@code key}, or empty for {@code none}.
   *
   * @param key one of {@link #KEYS}, case-insensitive
   * @param channels channels of the map the block will see
   * @param options reduction ratio, frames, squeeze mode, auxiliary classes
   * @throws FerException for an unknown key (listing the valid ones) or a bad channel count
   */
  public static Optional<Block> create(String key, int channels, AttentionOptions options) {
    String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
    return switch (k) {
      case "none" -> Optional.empty();
      case "se" -> Optional.of(SeBlock.builder().setChannels(channels).optOptions(options).build());
      case "eca" -> Optional.of(EcaBlock.builder().setChannels(channels).build());
      case "cbam" ->
          Optional.of(CbamBlock.builder().setChannels(channels).optOptions(options).build());
      case "gcsa" ->
          Optional.of(GcsaBlock.builder().setChannels(channels).optOptions(options).build());
      case "cca" -> Optional.of(ContextualChannelBlock.builder().setChannels(channels).build());
      case "nl" -> Optional.of(NonLocalBlock.builder().setChannels(channels).build());
      default ->
          throw FerException.badInput(
              "unknown attention key '" + key + "'; valid keys: " + String.join(", ", KEYS));
    };
  }

  /** {@link #create(String, int, AttentionOptions)} with default options. */
  public static Optional<Block> create(String key, int channels) {
    return create(key, channels, AttentionOptions.defaults());
  }

  static void requireChannels(String block, int channels) {
    if (channels < 1) {
      throw FerException.badInput(block + " needs setChannels(n) with n >= 1, got " + channels);
    }
  }
}
