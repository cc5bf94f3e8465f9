package org.fer4j.onnx;

import org.fer4j.FerException;

/**
 * A block the exporter has no converter for. Export stops here rather than write a graph that
 * skips or guesses the block's computation.
 */
public final class UnsupportedBlockException extends FerException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String blockType;

  UnsupportedBlockException(String path, String blockType, String why) {
    super(
        Kind.BAD_INPUT,
        "cannot export block '"
            + (path.isEmpty() ? "<root>" : path)
            + "' of type "
            + blockType
            + " to ONNX: "
            + why);
    this.path = path;
    this.blockType = blockType;
  }

  /** The block's path from the model root ({@code layer1.0.attn}); empty for the root. */
  public String path() {
    return path;
  }

  /** The block's type, e.g. {@code GcsaBlock} or {@code Lambda 'Softmax'}. */
  public String blockType() {
    return blockType;
  }
}
