package org.fer4j.data.transforms;

/**
 * Reads the two JPEG header facts ImageIO ignores: the EXIF orientation (APP1, TIFF tag 0x0112;
 * CIPA DC-008 "Exif 2.32" section 4.6.4) and the Adobe APP14 colour transform (Adobe Technical
 * Note 5116: 0 = CMYK or RGB, 1 = YCbCr, 2 = YCCK). Malformed headers give the defaults; the
 * pixel decoder reports real damage.
 *
 * @param orientation EXIF orientation 1..8 (1 when absent)
 * @param adobeTransform Adobe transform flag, or -1 when there is no APP14 segment
 */
public record JpegMarkers(int orientation, int adobeTransform) {
  private static final JpegMarkers NONE = new JpegMarkers(1, -1);

  /** True when the bytes start with the JPEG SOI marker. */
  public static boolean isJpeg(byte[] b) {
    return b.length > 3 && (b[0] & 255) == 0xFF && (b[1] & 255) == 0xD8;
  }

  /** Scans the header segments up to the first scan. */
  public static JpegMarkers read(byte[] b) {
    if (!isJpeg(b)) {
      return NONE;
    }
    int orientation = 1;
    boolean exifSeen = false;
    int adobe = -1;
    int i = 2;
    while (i + 4 <= b.length && (b[i] & 255) == 0xFF) {
      int marker = b[i + 1] & 255;
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xFF) {
        i += marker == 0xFF ? 1 : 2;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      int length = u16(b, i + 2, false);
      int body = i + 4;
      if (length < 2 || body + length - 2 > b.length) {
        break;
      }
      if (marker == 0xE1 && !exifSeen && startsWith(b, body, "Exif\0\0")) {
        exifSeen = true; // a file should hold one; when it holds more, the first counts
        orientation = exifOrientation(b, body + 6, body + length - 2);
      } else if (marker == 0xEE && startsWith(b, body, "Adobe") && length >= 14) {
        adobe = b[body + 11] & 255;
      }
      i += 2 + length;
    }
    return new JpegMarkers(orientation, adobe);
  }

  /**
   * The JPEG with an Exif APP1 segment declaring {@code orientation} (a little-endian TIFF block
   * with that one IFD0 entry), placed after SOI and a JFIF APP0 segment when there is one: what a
   * phone writes for a photo whose pixels it stored sideways. An existing Exif segment stays, but
   * {@link #read} takes the new one, which comes first.
   */
  public static byte[] withOrientation(byte[] jpeg, int orientation) {
    if (!isJpeg(jpeg) || orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("need a JPEG and an orientation 1..8, got " + orientation);
    }
    byte[] tiff = {
      'I', 'I', 42, 0, 8, 0, 0, 0, // byte order, magic 42, IFD0 at offset 8
      1, 0, // one entry
      0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // tag 0x0112, SHORT, count 1
      0, 0, 0, 0 // no next IFD
    };
    byte[] segment = new byte[4 + 6 + tiff.length];
    int length = segment.length - 2;
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) 0xE1;
    segment[2] = (byte) (length >> 8);
    segment[3] = (byte) length;
    System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, segment, 4, 6);
    System.arraycopy(tiff, 0, segment, 10, tiff.length);
    int at = 2;
    if ((jpeg[2] & 255) == 0xFF && (jpeg[3] & 255) == 0xE0 && jpeg.length > 6) {
      at = 4 + u16(jpeg, 4, false); // JFIF wants its APP0 right after SOI
    }
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, at);
    System.arraycopy(segment, 0, out, at, segment.length);
    System.arraycopy(jpeg, at, out, at + segment.length, jpeg.length - at);
    return out;
  }

  /** Orientation tag of IFD0 in the TIFF block [tiff, end); 1 when absent or malformed. */
  private static int exifOrientation(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return 1;
    }
    boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
    if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
      return 1;
    }
    long ifd = u32(b, tiff + 4, little);
    int pos = (int) (tiff + ifd);
    if (ifd < 8 || pos + 2 > end) {
      return 1;
    }
    int entries = u16(b, pos, little);
    for (int k = 0; k < entries; k++) {
      int e = pos + 2 + 12 * k;
      if (e + 12 > end) {
        return 1;
      }
      if (u16(b, e, little) == 0x0112) {
        int value = u16(b, e + 8, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    if (at + s.length() > b.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (b[at + k] != (byte) s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int u16(byte[] b, int at, boolean little) {
    int x = b[at] & 255;
    int y = b[at + 1] & 255;
    return little ? (y << 8) | x : (x << 8) | y;
  }

  private static long u32(byte[] b, int at, boolean little) {
    long hi = u16(b, little ? at + 2 : at, little);
    long lo = u16(b, little ? at : at + 2, little);
    return (hi << 16) | lo;
  }
}
