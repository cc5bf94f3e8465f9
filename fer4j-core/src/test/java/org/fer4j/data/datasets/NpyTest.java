package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyTest {

  /** A version-1.0 .npy file: magic, version, header length, padded header dict, data. */
  static byte[] npy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] utf32(String s, int width) {
    ByteBuffer b = ByteBuffer.allocate(4 * width).order(ByteOrder.LITTLE_ENDIAN);
    s.codePoints().forEach(b::putInt);
    return b.array();
  }

  static byte[] int64(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }

  @Test
  void readsUnicodeStringScalarsAsAffectNetStoresThem() {
    assertThat(Npy.readScalar(npy("<U1", "()", utf32("3", 1)))).isEqualTo("3");
    assertThat(Npy.readScalar(npy("<U2", "()", utf32("10", 2)))).isEqualTo("10");
    assertThat(Npy.readScalar(npy("<U3", "()", utf32("7", 3)))).isEqualTo("7"); // NUL padded
  }

  @Test
  void readsNumbersAndOneElementArrays() {
    assertThat(Npy.readScalar(npy("<i8", "(1,)", int64(6)))).isEqualTo("6");
    byte[] be = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(-2).array();
    assertThat(Npy.readScalar(npy(">i4", "()", be))).isEqualTo("-2");
    byte[] f8 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(4.0).array();
    assertThat(Npy.readScalar(npy("<f8", "()", f8))).isEqualTo("4");
    assertThat(Npy.readScalar(npy("|S1", "()", new byte[] {'5'}))).isEqualTo("5");
  }

  @Test
  void rejectsWhatIsNotOneValue() {
    assertThatThrownBy(() -> Npy.readScalar(npy("<i8", "(2,)", new byte[16])))
        .hasMessage("expected one value, the array has shape (2,)");
    assertThatThrownBy(() -> Npy.readScalar("hello".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("not a .npy file (no \\x93NUMPY magic)");
    assertThatThrownBy(() -> Npy.readScalar(npy("<i8", "()", new byte[3])))
        .hasMessage("truncated .npy data");
  }
}
