package org.fer4j.data.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal reader for NumPy {@code .npy} files that hold one value, as AffectNet's
 * {@code annotations/<id>_exp.npy} do (a 0-d or 1-element array of a string or number). Format:
 * numpy.org/doc/stable/reference/generated/numpy.lib.format.html (versions 1.0 to 3.0).
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR =
      Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d*)'");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * The single value stored in {@code file} as text: strings as they are, integers in decimal,
   * floats in decimal with integral values written without a fraction ({@code 3.0} gives "3").
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a 1-value {@code .npy} file; the message says
   *     what is wrong
   */
  public static String readScalar(Path file) throws IOException {
    return readScalar(Files.readAllBytes(file));
  }

  /** {@link #readScalar(Path)} on bytes already in memory. */
  public static String readScalar(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte b : MAGIC) {
      if (buf.remaining() == 0 || buf.get() != b) {
        throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY magic)");
      }
    }
    int major = buf.get() & 0xff;
    buf.get(); // minor version: no effect on the layout
    int headerLength = major == 1 ? buf.getShort() & 0xffff : buf.getInt();
    if (headerLength < 0 || headerLength > buf.remaining()) {
      throw new IllegalArgumentException("truncated .npy header");
    }
    byte[] headerBytes = new byte[headerLength];
    buf.get(headerBytes);
    String header = new String(headerBytes,
        major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    requireOneElement(header);
    Matcher d = DESCR.matcher(header);
    if (!d.find()) {
      throw new IllegalArgumentException("no 'descr' in .npy header: " + header.strip());
    }
    ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    int size = d.group(3).isEmpty() ? 1 : Integer.parseInt(d.group(3));
    return value(buf.slice().order(order), d.group(2).charAt(0), size);
  }

  private static void requireOneElement(String header) {
    Matcher s = SHAPE.matcher(header);
    if (!s.find()) {
      throw new IllegalArgumentException("no 'shape' in .npy header: " + header.strip());
    }
    long count = 1;
    for (String dim : s.group(1).split(",")) {
      if (!dim.isBlank()) {
        count *= Long.parseLong(dim.trim());
      }
    }
    if (count != 1) {
      throw new IllegalArgumentException("expected one value, the array has shape (" + s.group(1)
          + ")");
    }
  }

  private static String value(ByteBuffer data, char type, int size) {
    if (data.remaining() < (type == 'U' ? 4 * size : size)) {
      throw new IllegalArgumentException("truncated .npy data");
    }
    return switch (type) {
      case 'U' -> text(data, size, 4);
      case 'S', 'a' -> text(data, size, 1);
      case 'i' -> Long.toString(signed(data, size));
      case 'u' -> Long.toUnsignedString(signed(data, size) & mask(size));
      case 'b' -> data.get() != 0 ? "1" : "0";
      case 'f' -> decimal(size == 4 ? data.getFloat() : size == 8 ? data.getDouble() : bad(size));
      default -> throw new IllegalArgumentException("unsupported .npy dtype '" + type + size + "'");
    };
  }

  private static String text(ByteBuffer data, int chars, int width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chars; i++) {
      int c = width == 4 ? data.getInt() : data.get() & 0xff;
      if (c == 0) {
        break; // NumPy pads fixed-width strings with NULs
      }
      sb.appendCodePoint(c);
    }
    return sb.toString();
  }

  private static long signed(ByteBuffer data, int size) {
    return switch (size) {
      case 1 -> data.get();
      case 2 -> data.getShort();
      case 4 -> data.getInt();
      case 8 -> data.getLong();
      default -> (long) bad(size);
    };
  }

  private static long mask(int size) {
    return size >= 8 ? -1L : (1L << (8 * size)) - 1;
  }

  private static double bad(int size) {
    throw new IllegalArgumentException("unsupported .npy number width " + size);
  }

  private static String decimal(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
