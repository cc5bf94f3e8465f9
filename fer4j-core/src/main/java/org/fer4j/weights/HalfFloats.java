package org.fer4j.weights;

/**
 * Bit-exact conversions between 32-bit floats and the two 16-bit formats safetensors files use:
 * IEEE 754 binary16 ({@code F16}) and bfloat16 ({@code BF16}, the upper half of a binary32).
 * Narrowing rounds to nearest, ties to even, as {@code torch.Tensor.to(torch.float16)} does, so a
 * file written here holds the same bits PyTorch would write. Java 17 has no
 * {@code Float.float16ToFloat} (it arrived in Java 20), hence this class.
 */
public final class HalfFloats {
  private HalfFloats() {}

  /** Widens an IEEE binary16 value; exact for every input, including subnormals, inf and NaN. */
  public static float halfToFloat(short half) {
    int bits = half & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0) {
      // Subnormal or zero: mantissa * 2^-24, exactly representable in binary32.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  /** Narrows to IEEE binary16, rounding to nearest even; overflow gives infinity. */
  public static short floatToHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xFF;
    int mantissa = bits & 0x7FFFFF;
    if (exponent == 0xFF) {
      // Keep NaN a NaN (set the quiet bit) and infinity an infinity.
      return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign;
      }
      // Subnormal result: shift the full significand (with its implicit 1) into place.
      return (short) (sign | roundShift(mantissa | 0x800000, 14 - halfExponent));
    }
    // A carry out of the mantissa correctly bumps the exponent (and reaches inf at the top).
    int normal = (halfExponent << 10) + roundShift(mantissa, 13);
    return (short) (sign | normal);
  }

  /** Widens a bfloat16 value (exact: bfloat16 is the top 16 bits of a binary32). */
  public static float bf16ToFloat(short bf16) {
    return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
  }

  /** Narrows to bfloat16, rounding to nearest even; NaN stays a (quiet) NaN. */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (Float.isNaN(value)) {
      return (short) ((bits >>> 16) | 0x40);
    }
    int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
    return (short) ((bits + roundingBias) >>> 16);
  }

  /** {@code value >> shift}, rounded to nearest with ties to even. */
  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (kept & 1) != 0)) {
      kept++;
    }
    return kept;
  }
}
