package org.fer4j.layers.attention;

import java.util.function.Function;

/**
 * The one builder of the attention blocks configured by a channel count and {@link
 * AttentionOptions} ({@link SeBlock}, {@link CbamBlock}, {@link GcsaBlock}): {@code setChannels}
 * is required, {@code optOptions} optional (reduction ratio, and for GCSA frames, squeeze and
 * auxiliary classes), validation in {@link #build()}.
 *
 * @param <T> the block it builds
 */
public final class ChannelAttentionBuilder<T> {
  private final String blockName;
  private final Function<ChannelAttentionBuilder<T>, T> constructor;
  private int channels;
  private AttentionOptions options = AttentionOptions.defaults();

  ChannelAttentionBuilder(String blockName, Function<ChannelAttentionBuilder<T>, T> constructor) {
    this.blockName = blockName;
    this.constructor = constructor;
  }

  /** Input (and output) channels; required, at least 1. */
  public ChannelAttentionBuilder<T> setChannels(int channels) {
    this.channels = channels;
    return this;
  }

  /** Reduction ratio and the other settings (default {@link AttentionOptions#defaults()}). */
  public ChannelAttentionBuilder<T> optOptions(AttentionOptions options) {
    this.options = options;
    return this;
  }

  int channels() {
    return channels;
  }

  AttentionOptions options() {
    return options;
  }

  /** Validates the settings and builds the (uninitialised) block. */
  public T build() {
    AttentionFactory.requireChannels(blockName, channels);
    if (options == null) {
      throw org.fer4j.FerException.badInput(blockName + " options must not be null");
    }
    return constructor.apply(this);
  }
}
