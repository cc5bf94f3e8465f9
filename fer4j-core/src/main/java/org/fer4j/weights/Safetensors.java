package org.fer4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.FerException;

/**
 * An open {@code .safetensors} file: 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * header ({@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}}),
 * then the raw little-endian, C-ordered tensor bytes. Format: huggingface/safetensors {@code
 * README.md} ("Format") and {@code safetensors/src/tensor.rs}.
 *
 * <p>Opening reads and validates only the header (see {@link SafetensorsHeader}); tensor bytes are
 * memory-mapped one tensor at a time when asked for, so a 100 MB file never sits in the Java heap
 * (only {@link #floats} and {@link #longs} copy one tensor into a Java array, on request). {@link
 * #toNDArray} copies into native memory and never aliases the mapping, so arrays stay valid after
 * {@link #close()}. Writing is {@link #write}.
 */
public final class Safetensors implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final SafetensorsHeader header;

  private Safetensors(Path file, FileChannel channel, SafetensorsHeader header) {
    this.file = file;
    this.channel = channel;
    this.header = header;
  }

  /**
   * Opens a file and validates its header.
   *
   * @throws FerException NOT_FOUND when the file does not exist; BAD_INPUT naming the file (and the
   *     tensor) when it is truncated, its header length exceeds the file, offsets overlap or leave
   *     gaps, or a dtype is unknown
   */
  public static Safetensors open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw FerException.notFound(file + ": no such weights file.");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      SafetensorsHeader header = readHeader(file.toString(), channel);
      return new Safetensors(file, channel, header);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new FerException(
          FerException.Kind.BAD_INPUT, file + ": cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static SafetensorsHeader readHeader(String name, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < 8) {
      throw FerException.badInput(
          name
              + ": the file is truncated: "
              + size
              + " bytes, but a safetensors file starts with an"
              + " 8-byte header length. Copy or download the file again.");
    }
    ByteBuffer lengthBytes = readFully(channel, 0, 8);
    long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (headerLength < 0 || headerLength > size - 8) {
      throw FerException.badInput(
          name
              + ": the header length "
              + Long.toUnsignedString(headerLength)
              + " is larger than the"
              + " file ("
              + size
              + " bytes): the file is truncated or not a safetensors file.");
    }
    if (headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
      throw FerException.badInput(
          name
              + ": the header length "
              + headerLength
              + " exceeds the safetensors limit of "
              + SafetensorsHeader.MAX_HEADER_BYTES
              + " bytes; this is not a weights file fer4j reads.");
    }
    ByteBuffer json = readFully(channel, 8, (int) headerLength);
    return SafetensorsHeader.parse(name, json, size - 8 - headerLength);
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (channel.read(buf, position + buf.position()) < 0) {
        break;
      }
    }
    return buf.flip();
  }

  /** Writes tensors to a file; see {@link SafetensorsWriter#write}. */
  public static void write(
      Path file, Map<String, NDArray> tensors, Map<String, String> metadata, StDtype floatType) {
    SafetensorsWriter.write(file, tensors, metadata, floatType);
  }

  /** The file this reads. */
  public Path file() {
    return file;
  }

  /** The parsed header. */
  public SafetensorsHeader header() {
    return header;
  }

  /** Tensor names in header order. */
  public Set<String> names() {
    return header.tensors().keySet();
  }

  /** The {@code __metadata__} map (empty when the file has none). */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /** Entry of one tensor; an unknown name is a NOT_FOUND error naming the file. */
  public TensorInfo info(String name) {
    TensorInfo info = header.tensors().get(name);
    if (info == null) {
      List<String> some = names().stream().limit(5).toList();
      throw FerException.notFound(
          file
              + ": no tensor '"
              + name
              + "' (the file has "
              + names().size()
              + " tensors, e.g. "
              + some
              + ").");
    }
    return info;
  }

  /** Total element count of the floating-point tensors (the parameter count). */
  public long floatingElementCount() {
    return header.tensors().values().stream()
        .filter(t -> t.dtype().isFloating())
        .mapToLong(TensorInfo::elementCount)
        .sum();
  }

  /** One tensor's values as floats (every dtype converts; I64 values above 2^24 lose precision). */
  public float[] floats(String name) {
    TensorInfo t = info(name);
    ByteBuffer data = map(t);
    float[] out = new float[javaLength(t)];
    TensorCodec.decodeFloats(t.dtype(), data, out);
    return out;
  }

  /** One integer tensor's values (I64 or I32); a floating tensor is a BAD_INPUT error. */
  public long[] longs(String name) {
    TensorInfo t = info(name);
    if (t.dtype().isFloating()) {
      throw FerException.badInput(
          file + ": tensor '" + name + "' is " + t.dtype() + ", not an integer tensor.");
    }
    ByteBuffer data = map(t);
    long[] out = new long[javaLength(t)];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.dtype() == StDtype.I64 ? data.getLong(i * 8) : data.getInt(i * 4);
    }
    return out;
  }

  /**
   * One tensor as an NDArray in {@code manager}: float32 for floating dtypes, int64/int32 for
   * integer ones. The data is copied into native memory (no Java heap copy, no alias of the file).
   */
  public NDArray toNDArray(String name, NDManager manager) {
    return read(name, manager, false);
  }

  /**
   * Like {@link #toNDArray}, but a float64 tensor stays float64: a float64 model (the training
   * parity tests) must get its weights unrounded, or both sides part at the 1e-8 level from step 1.
   */
  public NDArray toNDArrayKeepingFloat64(String name, NDManager manager) {
    return read(name, manager, true);
  }

  private NDArray read(String name, NDManager manager, boolean keepFloat64) {
    TensorInfo t = info(name);
    Shape shape = new Shape(t.shape());
    if (t.elementCount() == 0) {
      return manager.zeros(
          shape, t.dtype().isFloating() ? DataType.FLOAT32 : nativeType(t.dtype()));
    }
    ByteBuffer data = map(t);
    if (t.dtype() == StDtype.BF16) {
      // PyTorch through DJL cannot create bfloat16 arrays; widen in Java into native memory.
      ByteBuffer widened = ByteBuffer.allocateDirect(Math.toIntExact(t.elementCount() * 4));
      widened.order(ByteOrder.nativeOrder());
      TensorCodec.widenBf16(data, widened.asFloatBuffer());
      return manager.create(widened, shape, DataType.FLOAT32);
    }
    // create() wraps the mapped bytes without copying; copy (or convert) before handing it out.
    try (NDArray view = manager.create(data, shape, nativeType(t.dtype()))) {
      boolean narrow = view.getDataType() == DataType.FLOAT16
          || (view.getDataType() == DataType.FLOAT64 && !keepFloat64);
      return narrow
          ? view.toType(DataType.FLOAT32, true)
          : view.duplicate();
    }
  }

  private static DataType nativeType(StDtype dtype) {
    return switch (dtype) {
      case F32 -> DataType.FLOAT32;
      case F16 -> DataType.FLOAT16;
      case F64 -> DataType.FLOAT64;
      case I64 -> DataType.INT64;
      case I32 -> DataType.INT32;
      case BF16 -> DataType.BFLOAT16;
    };
  }

  private int javaLength(TensorInfo t) {
    if (t.elementCount() > Integer.MAX_VALUE - 8) {
      throw FerException.badInput(
          file
              + ": tensor '"
              + t.name()
              + "' has "
              + t.elementCount()
              + " elements, too many for a"
              + " Java array; use toNDArray instead.");
    }
    return (int) t.elementCount();
  }

  private ByteBuffer map(TensorInfo t) {
    if (t.byteLength() > Integer.MAX_VALUE) {
      throw FerException.badInput(
          file + ": tensor '" + t.name() + "' is larger than 2 GiB, which fer4j cannot map.");
    }
    try {
      return channel
          .map(FileChannel.MapMode.READ_ONLY, header.dataStart() + t.begin(), t.byteLength())
          .order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new FerException(
          FerException.Kind.BAD_INPUT,
          file + ": cannot read tensor '" + t.name() + "': " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to do: the channel was only read from.
      }
    }
  }
}
