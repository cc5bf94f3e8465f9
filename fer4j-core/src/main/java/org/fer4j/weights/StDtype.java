package org.fer4j.weights;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Element types of a safetensors file that fer4j reads. Names are those of the header's
 * {@code dtype} field (huggingface/safetensors, {@code safetensors/src/tensor.rs}, enum
 * {@code Dtype}). Floating types are read into float32; integer types exist so that torchvision
 * files with {@code num_batches_tracked} (I64) load, and are converted or skipped.
 */
public enum StDtype {
  /** IEEE binary32, the default for writing. */
  F32(4, true),
  /** IEEE binary16. */
  F16(2, true),
  /** bfloat16: the upper 16 bits of a binary32. */
  BF16(2, true),
  /** IEEE binary64 (read only; narrowed to float32). */
  F64(8, true),
  /** Signed 64-bit integer, e.g. BatchNorm's {@code num_batches_tracked}. */
  I64(8, false),
  /** Signed 32-bit integer. */
  I32(4, false);

  private final int bytes;
  private final boolean floating;

  StDtype(int bytes, boolean floating) {
    this.bytes = bytes;
    this.floating = floating;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** Whether the type holds floating-point values. */
  public boolean isFloating() {
    return floating;
  }

  /** The header's spelling of a dtype, or {@code null} when fer4j does not read it. */
  static StDtype fromHeader(String name) {
    for (StDtype d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The supported names, for error messages. */
  static String supported() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
