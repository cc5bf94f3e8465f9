package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  private static int f16(float v) {
    return HalfFloats.floatToHalf(v) & 0xFFFF;
  }

  private static int bf16(float v) {
    return HalfFloats.floatToBf16(v) & 0xFFFF;
  }

  @Test
  void halfBitPatternsMatchIeeeBinary16() {
    assertThat(f16(1.0f)).isEqualTo(0x3C00);
    assertThat(f16(-2.0f)).isEqualTo(0xC000);
    assertThat(f16(0.5f)).isEqualTo(0x3800);
    assertThat(f16(65504f)).isEqualTo(0x7BFF); // largest finite half
    assertThat(f16(65520f)).isEqualTo(0x7C00); // rounds up to +inf
    assertThat(f16(0.1f)).isEqualTo(0x2E66); // 0.0999755859375
    assertThat(f16(1f / 3)).isEqualTo(0x3555);
    assertThat(f16(0x1p-24f)).isEqualTo(0x0001); // smallest subnormal
    assertThat(f16(0x1p-25f)).isEqualTo(0x0000); // tie to even -> 0
    assertThat(f16(0x1.8p-25f)).isEqualTo(0x0001); // above the tie -> rounds up
    assertThat(f16(-0.0f)).isEqualTo(0x8000);
    assertThat(f16(Float.NEGATIVE_INFINITY)).isEqualTo(0xFC00);
    assertThat(f16(Float.NaN) & 0x7C00).isEqualTo(0x7C00);
    assertThat(f16(Float.NaN) & 0x03FF).isNotZero();
  }

  @Test
  void halfRoundsTiesToEven() {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: the even mantissa (1.0) wins.
    assertThat(f16(1f + 0x1p-11f)).isEqualTo(0x3C00);
    // 1 + 3 * 2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
    assertThat(f16(1f + 3 * 0x1p-11f)).isEqualTo(0x3C02);
    // A carry out of the mantissa bumps the exponent: 2047/1024 rounds to 2.0.
    assertThat(f16(2f - 0x1p-11f)).isEqualTo(0x4000);
  }

  @Test
  void halfWideningIsExact() {
    assertThat(HalfFloats.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
    assertThat(HalfFloats.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
    assertThat(HalfFloats.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
    assertThat(HalfFloats.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(HalfFloats.halfToFloat((short) 0x2E66)).isEqualTo(0.0999755859375f);
    assertThat(HalfFloats.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(HalfFloats.halfToFloat((short) 0x7E00)).isNaN();
    assertThat(Float.floatToRawIntBits(HalfFloats.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
    // Every finite half survives a round trip.
    for (int h = 0; h < 0x10000; h++) {
      if ((h & 0x7C00) != 0x7C00) {
        assertThat(f16(HalfFloats.halfToFloat((short) h))).as("half %04x", h).isEqualTo(h);
      }
    }
  }

  @Test
  void bf16BitPatternsAreTheTopHalfRoundedToEven() {
    assertThat(bf16(1.0f)).isEqualTo(0x3F80);
    assertThat(bf16(-2.0f)).isEqualTo(0xC000);
    assertThat(bf16(3.140625f)).isEqualTo(0x4049); // exactly representable
    assertThat(bf16(1f / 3)).isEqualTo(0x3EAB); // 0x3EAAAAAB: lower half 0xAAAB > 0x8000 rounds up
    assertThat(bf16(Float.intBitsToFloat(0x3F808000))).isEqualTo(0x3F80); // tie, even stays
    assertThat(bf16(Float.intBitsToFloat(0x3F818000))).isEqualTo(0x3F82); // tie, odd rounds up
    assertThat(bf16(Float.NaN) & 0x7F80).isEqualTo(0x7F80);
    assertThat(bf16(Float.NaN) & 0x007F).isNotZero();
    assertThat(HalfFloats.bf16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
    assertThat(HalfFloats.bf16ToFloat((short) 0x4049)).isEqualTo(3.140625f);
  }
}
