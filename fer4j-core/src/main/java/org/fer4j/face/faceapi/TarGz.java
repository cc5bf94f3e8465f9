package org.fer4j.face.faceapi;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader for gzip-compressed POSIX ustar archives (what {@code npm pack} writes):
 * regular files only, 512-byte headers, octal sizes, the ustar name prefix. Written here so
 * fer4j needs no archive library for one tarball.
 */
public final class TarGz {
  private TarGz() {}

  /**
   * Extracts the entries {@code keep} accepts into {@code target}, stripping {@code stripPrefix}.
   * Names that would escape the target folder are refused.
   */
  public static int extract(Path tarball, Path target, Predicate<String> keep, String stripPrefix)
      throws IOException {
    int count = 0;
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
      byte[] header = new byte[512];
      while (readFully(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        boolean regular = type == '0' || type == 0;
        if (regular && keep.test(name)) {
          Path out = target.resolve(name.substring(name.startsWith(stripPrefix) ? stripPrefix.length() : 0)).normalize();
          if (!out.startsWith(target)) {
            throw new IOException(tarball + ": entry " + name + " points outside the target folder");
          }
          Files.createDirectories(out.getParent());
          Files.write(out, readBytes(in, size));
          count++;
        } else {
          skip(in, size);
        }
        skip(in, (512 - size % 512) % 512);
      }
    }
    return count;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int n = in.readNBytes(buf, 0, buf.length);
    if (n == 0) {
      return false;
    }
    if (n < buf.length) {
      throw new IOException("truncated tar header");
    }
    return true;
  }

  private static byte[] readBytes(InputStream in, long size) throws IOException {
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new IOException("truncated tar entry");
    }
    return data;
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new IOException("truncated tar archive");
        }
        s = 1;
      }
      left -= s;
    }
  }
}
