package org.fer4j.layers.attention;

import java.util.List;
import org.fer4j.FerException;

/**
 * Settings shared by the attention blocks that {@link AttentionFactory} makes. Each block reads
 * only the fields it needs.
 *
 * @param reduction channel reduction ratio r of the SE, CBAM and GCSA bottlenecks (16 in all three
 *     papers)
 * @param frames frames per clip T, for GCSA's temporal coupling; 1 for still images
 * @param squeeze GCSA's squeeze: {@code gconv} (learned global depthwise conv, GCA), {@code avg}
 *     (global average pooling, SE) or {@code both} (their mean)
 * @param auxClasses classes of GCSA's auxiliary head
 */
public record AttentionOptions(int reduction, int frames, String squeeze, int auxClasses) {

  /** The squeeze modes GCSA understands. */
  public static final List<String> SQUEEZE_MODES = List.of("gconv", "avg", "both");

  public AttentionOptions {
    if (reduction < 1) {
      throw FerException.badInput("attention option 'reduction' must be >= 1, was " + reduction);
    }
    if (frames < 1) {
      throw FerException.badInput("attention option 'frames' must be >= 1, was " + frames);
    }
    if (!SQUEEZE_MODES.contains(squeeze)) {
      throw FerException.badInput(
          "attention option 'squeeze' was '" + squeeze + "'; valid values: " + SQUEEZE_MODES);
    }
    if (auxClasses < 1) {
      throw FerException.badInput("attention option 'auxClasses' must be >= 1, was " + auxClasses);
    }
  }

  /** r=16, single frames, global-conv squeeze, 7 auxiliary classes. */
  public static AttentionOptions defaults() {
    return new AttentionOptions(16, 1, "gconv", 7);
  }

  public AttentionOptions withFrames(int newFrames) {
    return new AttentionOptions(reduction, newFrames, squeeze, auxClasses);
  }

  public AttentionOptions withSqueeze(String newSqueeze) {
    return new AttentionOptions(reduction, frames, newSqueeze, auxClasses);
  }

  public AttentionOptions withReduction(int newReduction) {
    return new AttentionOptions(newReduction, frames, squeeze, auxClasses);
  }

  /** Bottleneck width {@code max(1, channels / reduction)}. */
  public int reduced(int channels) {
    return Math.max(1, channels / reduction);
  }
}
