package org.fer4j.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.Assertions;
import org.fer4j.FerException;

/** Test helpers: hand-made safetensors bytes and the message of the FerException they cause. */
final class MalformedFiles {
  private MalformedFiles() {}

  /** Writes 8-byte LE length of {@code json}, {@code json}, then {@code data}. */
  static Path raw(Path dir, String name, String json, byte[] data) {
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    return bytes(dir, name, header.length, header, data);
  }

  /** Writes an arbitrary declared header length followed by the given bytes. */
  static Path bytes(Path dir, String name, long declaredLength, byte[] header, byte[] data) {
    ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(declaredLength).put(header).put(data);
    Path file = dir.resolve(name + ".safetensors");
    try {
      Files.write(file, buf.array());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Runs code that must throw a FerException and returns its message. */
  static String error(ThrowingCallable code) {
    Throwable t = Assertions.catchThrowable(code);
    Assertions.assertThat(t).isInstanceOf(FerException.class);
    return t.getMessage();
  }

  /** The kind of the FerException the code throws. */
  static FerException.Kind kind(ThrowingCallable code) {
    Throwable t = Assertions.catchThrowable(code);
    Assertions.assertThat(t).isInstanceOf(FerException.class);
    return ((FerException) t).kind();
  }
}
