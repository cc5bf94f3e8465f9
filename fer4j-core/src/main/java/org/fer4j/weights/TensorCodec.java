package org.fer4j.weights;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/** Bulk conversions between little-endian tensor bytes and floats (no per-element allocation). */
final class TensorCodec {
  private TensorCodec() {}

  /** Decodes {@code out.length} elements of {@code dtype} from little-endian {@code data}. */
  static void decodeFloats(StDtype dtype, ByteBuffer data, float[] out) {
    switch (dtype) {
      case F32 -> data.asFloatBuffer().get(out);
      case F16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = HalfFloats.halfToFloat(data.getShort(i * 2));
        }
      }
      case BF16 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = HalfFloats.bf16ToFloat(data.getShort(i * 2));
        }
      }
      case F64 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) data.getDouble(i * 8);
        }
      }
      case I64 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = data.getLong(i * 8);
        }
      }
      case I32 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = data.getInt(i * 4);
        }
      }
    }
  }

  /** Widens every bfloat16 of little-endian {@code data} into {@code out}. */
  static void widenBf16(ByteBuffer data, FloatBuffer out) {
    int n = out.remaining();
    for (int i = 0; i < n; i++) {
      out.put(i, HalfFloats.bf16ToFloat(data.getShort(i * 2)));
    }
  }

  /**
   * Encodes the remaining floats of {@code src} as {@code dtype} into little-endian {@code dst}
   * (which must have room for them).
   */
  static void encodeFloats(FloatBuffer src, StDtype dtype, ByteBuffer dst) {
    int n = src.remaining();
    int at = src.position();
    switch (dtype) {
      case F32 -> {
        for (int i = 0; i < n; i++) {
          dst.putFloat(src.get(at + i));
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          dst.putShort(HalfFloats.floatToHalf(src.get(at + i)));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          dst.putShort(HalfFloats.floatToBf16(src.get(at + i)));
        }
      }
      default -> throw new IllegalArgumentException("fer4j writes F32, F16 or BF16, not " + dtype);
    }
  }
}
