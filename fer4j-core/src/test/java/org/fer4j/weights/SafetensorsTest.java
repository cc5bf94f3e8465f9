package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetensorsTest extends ManagedTempDirTest {

  /** Raw little-endian shorts of the data section of a one-tensor file. */
  private static int[] dataShorts(Path file, int count) throws IOException {
    ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int start = 8 + (int) all.getLong(0);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = all.getShort(start + 2 * i) & 0xFFFF;
    }
    return out;
  }

  private Path writeOne(String name, float[] values, StDtype type) {
    Path file = dir.resolve(name + ".safetensors");
    Safetensors.write(file, Map.of("t", manager.create(values)), Map.of(), type);
    return file;
  }

  @Test
  void f32RoundTripKeepsNamesShapesOffsetsAndValues() throws IOException {
    float[] a = {1f, -2f, 0.5f, 3.25f, 0f, 65504f};
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.put("layer.weight", manager.create(a, new Shape(2, 3)));
    tensors.put("bn.num_batches_tracked", manager.create(7L));
    Path file = dir.resolve("rt.safetensors");
    Safetensors.write(file, tensors, Map.of(), StDtype.F32);

    byte[] bytes = Files.readAllBytes(file);
    long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertThat(headerLength % 8).isZero();
    assertThat(bytes.length).isEqualTo(8 + headerLength + 6 * 4 + 8);
    String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertThat(header.stripTrailing()).endsWith("}");
    assertThat(header.length() - header.stripTrailing().length()).isLessThan(8);

    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.names()).containsExactly("layer.weight", "bn.num_batches_tracked");
      assertThat(st.info("layer.weight"))
          .isEqualTo(new TensorInfo("layer.weight", StDtype.F32, new long[] {2, 3}, 0, 24));
      assertThat(st.info("bn.num_batches_tracked"))
          .isEqualTo(new TensorInfo("bn.num_batches_tracked", StDtype.I64, new long[] {}, 24, 32));
      assertThat(st.floats("layer.weight")).containsExactly(a);
      assertThat(st.longs("bn.num_batches_tracked")).containsExactly(7L);
      assertThat(st.floats("bn.num_batches_tracked")).containsExactly(7f);
      assertThat(st.floatingElementCount()).isEqualTo(6);
      NDArray back = st.toNDArray("layer.weight", manager);
      assertThat(back.getShape()).isEqualTo(new Shape(2, 3));
      assertThat(back.toFloatArray()).containsExactly(a);
      assertThat(st.toNDArray("bn.num_batches_tracked", manager).getDataType())
          .isEqualTo(DataType.INT64);
    }
  }

  @Test
  void f16StoresIeeeHalfBitsAndReadsThemBack() throws IOException {
    Path file = writeOne("half", new float[] {1f, -2f, 65504f, 0.1f}, StDtype.F16);
    assertThat(dataShorts(file, 4)).containsExactly(0x3C00, 0xC000, 0x7BFF, 0x2E66);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.info("t").dtype()).isEqualTo(StDtype.F16);
      assertThat(st.info("t").byteLength()).isEqualTo(8);
      float[] expected = {1f, -2f, 65504f, 0.0999755859375f};
      assertThat(st.floats("t")).containsExactly(expected);
      assertThat(st.toNDArray("t", manager).toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void bf16StoresTopHalfRoundedToEvenAndReadsItBack() throws IOException {
    Path file = writeOne("bf", new float[] {1f, -2f, 3.140625f, 1f / 3}, StDtype.BF16);
    assertThat(dataShorts(file, 4)).containsExactly(0x3F80, 0xC000, 0x4049, 0x3EAB);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.info("t").dtype()).isEqualTo(StDtype.BF16);
      float[] expected = {1f, -2f, 3.140625f, 0.333984375f};
      assertThat(st.floats("t")).containsExactly(expected);
      NDArray back = st.toNDArray("t", manager);
      assertThat(back.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(back.toFloatArray()).containsExactly(expected);
    }
  }

  @Test
  void metadataRoundTripsInOrderAndComesFirstInTheHeader() throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put("note", "ünïcode ✓ \"quoted\"");
    meta.put("empty", "");
    Path file = dir.resolve("meta.safetensors");
    Safetensors.write(file, Map.of("x", manager.create(new float[] {2f})), meta, StDtype.F32);
    String header = new String(Files.readAllBytes(file), 8, 14, StandardCharsets.UTF_8);
    assertThat(header).isEqualTo("{\"__metadata__");
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.metadata()).containsExactlyEntriesOf(meta);
      assertThat(st.names()).containsExactly("x");
    }
  }

  @Test
  void readsAHandWrittenFileWhoseHeaderOrderDiffersFromDataOrder() throws IOException {
    // Data: b (F64 [2]) at [0,16), a (I32 [3]) at [16,28), c (BF16 [1]) at [28,30), d (F16 []) at
    // [30,32).
    ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    data.putDouble(0.25).putDouble(-1.5).putInt(3).putInt(-4).putInt(5);
    data.putShort((short) 0xC0A0).putShort((short) 0x3800);
    String json =
        "{\"a\":{\"dtype\":\"I32\",\"shape\":[3],\"data_offsets\":[16,28]},"
            + "\"d\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[30,32]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[2,1],\"data_offsets\":[0,16]},"
            + "\"c\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[28,30]}}";
    Path file = MalformedFiles.raw(dir, "hand", json, data.array());
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.names()).containsExactly("a", "d", "b", "c");
      assertThat(st.longs("a")).containsExactly(3, -4, 5);
      assertThat(st.floats("b")).containsExactly(0.25f, -1.5f);
      assertThat(st.floats("c")).containsExactly(-5f); // 0xC0A0 = -5.0 in bfloat16
      assertThat(st.floats("d")).containsExactly(0.5f);
      assertThat(st.toNDArray("b", manager).getShape()).isEqualTo(new Shape(2, 1));
      assertThat(st.toNDArray("d", manager).getShape()).isEqualTo(new Shape());
      assertThat(st.toNDArray("d", manager).getFloat()).isEqualTo(0.5f);
      assertThat(st.header().dataStart()).isEqualTo(8 + json.length());
    }
  }

  @Test
  void toNDArrayDoesNotAliasTheFile() throws IOException {
    Path file = writeOne("alias", new float[] {1f, 2f}, StDtype.F32);
    NDArray kept;
    try (Safetensors st = Safetensors.open(file)) {
      kept = st.toNDArray("t", manager);
    }
    // Overwrite the tensor bytes in place (same inode): an aliasing array would see 9s.
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long dataStart =
          8 + ch.map(FileChannel.MapMode.READ_ONLY, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
      ByteBuffer nines =
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(9f).putFloat(9f);
      ch.write(nines.flip(), dataStart);
    }
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.floats("t")).containsExactly(9f, 9f);
    }
    assertThat(kept.toFloatArray()).containsExactly(1f, 2f);
  }

  @Test
  void overwritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = writeOne("over", new float[] {1f}, StDtype.F32);
    Safetensors.write(
        file, Map.of("u", manager.create(new float[] {4f, 5f})), Map.of(), StDtype.F32);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.names()).containsExactly("u");
    }
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()).toList())
          .containsExactly("over.safetensors");
    }
  }

  @Test
  void unknownTensorNameIsNotFoundAndListsSomeNames() {
    Path file = writeOne("names", new float[] {1f}, StDtype.F32);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(MalformedFiles.error(() -> st.info("nope")))
          .contains(file.toString(), "no tensor 'nope'", "1 tensors", "[t]");
    }
  }

  @Test
  void writerRejectsOtherFloatTypes() {
    Path file = dir.resolve("bad.safetensors");
    Map<String, NDArray> t = Map.of("t", manager.create(new float[] {1f}));
    assertThat(MalformedFiles.error(() -> Safetensors.write(file, t, Map.of(), StDtype.F64)))
        .contains("F32, F16 or BF16", "F64");
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void smallFileSizesRoundTripAcrossChunkBoundaries() {
    float[] values = new float[(1 << 16) + 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 7) - 3;
    }
    Path file = writeOne("chunks", values, StDtype.F16);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.floats("t")).containsExactly(values);
    }
  }

  @Test
  void listsEveryTensorInHeaderOrder() {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    for (String n : List.of("z", "a", "m")) {
      tensors.put(n, manager.create(new float[] {1f}));
    }
    Path file = dir.resolve("order.safetensors");
    Safetensors.write(file, tensors, Map.of(), StDtype.F32);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.names()).containsExactly("z", "a", "m");
      assertThat(st.info("m").begin()).isEqualTo(8);
    }
  }
}
