package org.fer4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash never leaves a half-written one: the bytes go to a temporary file
 * in the same directory, are forced to disk, and the temporary file is renamed over the target
 * (an atomic replace on POSIX file systems). Readers see the old file or the new one, never a mix.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes the whole content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Atomically replaces {@code target} with what {@code writer} produces. */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        // The writer may close its stream; only flush then, the channel must stay open to force.
        java.io.BufferedOutputStream buf =
            new java.io.BufferedOutputStream(out, 1 << 16) {
              @Override
              public void close() throws IOException {
                flush();
              }
            };
        writer.writeTo(buf);
        buf.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Atomically replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Atomically replaces {@code target} with UTF-8 text. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
