package org.fer4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.fer4j.FerException;

/**
 * Writes {@code .safetensors} files the way the reference writer does (huggingface/safetensors,
 * {@code safetensors/src/tensor.rs}, {@code prepare}): JSON header with {@code __metadata__}
 * first, padded with spaces to a multiple of 8 bytes so the data section is 8-byte aligned, then
 * the tensors back to back in the given order. The file appears atomically: it is written to a
 * temporary file in the same directory and renamed over the target, so a crash never leaves a
 * half-written checkpoint under the final name.
 */
final class SafetensorsWriter {
  /** Elements converted per chunk when narrowing to F16/BF16 (bounds the heap used). */
  private static final int CHUNK = 1 << 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  /**
   * Writes tensors to {@code file}.
   *
   * @param tensors name to array, in file order; floating arrays are stored as {@code floatType},
   *     int64/int32 arrays as I64/I32
   * @param metadata free-form string pairs for {@code __metadata__} (may be empty)
   * @param floatType F32 (default), F16 or BF16
   */
  static void write(
      Path file, Map<String, NDArray> tensors, Map<String, String> metadata, StDtype floatType) {
    if (floatType != StDtype.F32 && floatType != StDtype.F16 && floatType != StDtype.BF16) {
      throw FerException.badInput(
          "safetensors float type must be F32, F16 or BF16, was " + floatType + " (file " + file + ")");
    }
    byte[] header = headerBytes(file, tensors, metadata, floatType);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeAll(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
        writeAll(out, ByteBuffer.wrap(header));
        for (NDArray array : tensors.values()) {
          writeTensor(out, array, floatType);
        }
        out.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException e) {
      throw new FerException(FerException.Kind.BAD_INPUT, file + ": cannot write: " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static byte[] headerBytes(
      Path file, Map<String, NDArray> tensors, Map<String, String> metadata, StDtype floatType) {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
      String name = e.getKey();
      if (name.isEmpty() || SafetensorsHeader.METADATA_KEY.equals(name)) {
        throw FerException.badInput(file + ": '" + name + "' cannot be a tensor name.");
      }
      StDtype dtype = storedType(file, name, e.getValue(), floatType);
      long bytes = e.getValue().size() * dtype.bytes();
      ObjectNode entry = root.putObject(name);
      entry.put("dtype", dtype.name());
      ArrayNode shape = entry.putArray("shape");
      Arrays.stream(e.getValue().getShape().getShape()).forEach(shape::add);
      entry.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    try {
      byte[] json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
      int padded = (json.length + 7) / 8 * 8;
      byte[] out = Arrays.copyOf(json, padded);
      Arrays.fill(out, json.length, padded, (byte) ' ');
      return out;
    } catch (JsonProcessingException e) {
      throw new FerException(FerException.Kind.INTERNAL, "cannot encode safetensors header", e);
    }
  }

  private static StDtype storedType(Path file, String name, NDArray array, StDtype floatType) {
    DataType type = array.getDataType();
    if (type.isFloating()) {
      return floatType;
    }
    if (type == DataType.INT64) {
      return StDtype.I64;
    }
    if (type == DataType.INT32) {
      return StDtype.I32;
    }
    throw FerException.badInput(
        file + ": tensor '" + name + "' has type " + type + "; fer4j writes floating, int64 or int32 arrays.");
  }

  private static void writeTensor(FileChannel out, NDArray array, StDtype floatType)
      throws IOException {
    if (!array.getDataType().isFloating()) {
      writeAll(out, littleEndian(array.toByteBuffer()));
      return;
    }
    ByteBuffer raw;
    if (array.getDataType() == DataType.FLOAT32) {
      raw = littleEndian(array.toByteBuffer());
    } else {
      try (NDArray f32 = array.toType(DataType.FLOAT32, true)) {
        raw = littleEndian(f32.toByteBuffer());
      }
    }
    if (floatType == StDtype.F32) {
      writeAll(out, raw);
      return;
    }
    FloatBuffer floats = raw.asFloatBuffer();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK * floatType.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    for (int start = 0; start < floats.limit(); start += CHUNK) {
      int n = Math.min(CHUNK, floats.limit() - start);
      chunk.clear();
      TensorCodec.encodeFloats(floats.slice(start, n), floatType, chunk);
      writeAll(out, chunk.flip());
    }
  }

  /** Native byte order is little-endian on every platform DJL ships; re-order if it is not. */
  private static ByteBuffer littleEndian(ByteBuffer buf) {
    if (buf.order() == ByteOrder.LITTLE_ENDIAN) {
      return buf;
    }
    throw new FerException(
        FerException.Kind.INTERNAL, "big-endian tensor buffers are not supported by the safetensors writer");
  }

  private static void writeAll(FileChannel out, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      out.write(buf);
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp != null) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // Best effort: a leftover hidden .tmp file is harmless.
      }
    }
  }
}
