package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed-file check names the file and, where one is at fault, the tensor. */
class SafetensorsMalformedTest {
  @TempDir Path dir;

  private static final String TWO_F32 =
      "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

  private String openError(Path file) {
    return MalformedFiles.error(() -> Safetensors.open(file).close());
  }

  @Test
  void fileShorterThanTheLengthFieldIsTruncated() {
    Path file = MalformedFiles.bytes(dir, "tiny", 0, new byte[0], new byte[0]);
    // Keep only 5 of the 8 length bytes.
    byte[] five = {1, 2, 3, 4, 5};
    file = write(file, five);
    assertThat(openError(file)).contains(file.toString(), "truncated", "5 bytes");
  }

  @Test
  void headerLengthLargerThanTheFile() {
    Path file =
        MalformedFiles.bytes(
            dir, "long", 1000, TWO_F32.getBytes(StandardCharsets.UTF_8), new byte[8]);
    assertThat(openError(file))
        .contains(file.toString(), "header length 1000 is larger than the file", "bytes");
  }

  @Test
  void negativeHeaderLengthIsReportedUnsigned() {
    Path file = MalformedFiles.bytes(dir, "neg", -1, new byte[0], new byte[0]);
    assertThat(openError(file))
        .contains(file.toString(), "18446744073709551615", "larger than the file");
  }

  /**
   * Headers each broken one way: a name for the report, the file name, the header JSON, the data
   * length, and what the error must say besides the file's path.
   */
  static Stream<Arguments> malformedHeaders() {
    return Stream.of(
        malformed("truncated data names the tensor and the missing bytes", "cut",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[4,20]}}",
            12, "truncated", "tensor 'w'", "up to 20", "only 12 bytes"),
        malformed("overlapping offsets name both tensors", "overlap",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            12, "tensor 'b'", "overlaps tensor 'a'", "ends at 8"),
        malformed("gap between tensors is rejected", "gap",
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}",
            20, "tensor 'b' starts at byte 12", "'a' ends at 8"),
        malformed("offsets that disagree with shape and dtype", "size",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}",
            12, "tensor 'w'", "[0, 12] (12 bytes)", "F32 (2) needs 8 bytes"),
        malformed("offsets that end before they begin", "backwards",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}",
            0, "tensor 'w'", "end before they begin"),
        malformed("unknown dtype names tensor and lists supported types", "dtype",
            "{\"q\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,1]}}",
            1, "tensor 'q'", "dtype 'Q4'", "F32, F16, BF16, F64, I64, I32"),
        malformed("trailing bytes after the last tensor", "trailing", TWO_F32,
            11, "3 bytes follow the last tensor 'w'"),
        malformed("header that is not JSON", "json", "{\"w\": [", 0, "not valid JSON"),
        malformed("duplicate tensor names are rejected", "dup",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            8, "not valid JSON", "Duplicate field 'w'"),
        malformed("missing shape field", "noshape",
            "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "tensor 'w'", "'shape'"),
        malformed("negative dimension", "negative",
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
            4, "tensor 'w'", "entry -1", "non-negative"),
        malformed("metadata must hold strings", "meta", "{\"__metadata__\":{\"epoch\":3}}",
            0, "__metadata__ value of 'epoch'"));
  }

  private static Arguments malformed(String what, String name, String json, int dataBytes, String... says) {
    return Arguments.of(what, name, json, dataBytes, List.of(says));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedHeaders")
  void malformedHeaderIsReportedWithFileAndTensor(
      String what, String name, String json, int dataBytes, List<String> says) {
    Path file = MalformedFiles.raw(dir, name, json, new byte[dataBytes]);
    assertThat(openError(file)).contains(file.toString()).contains(says);
  }

  @Test
  void missingFileIsNotFound() {
    Path file = dir.resolve("absent.safetensors");
    assertThat(MalformedFiles.kind(() -> Safetensors.open(file)))
        .isEqualTo(FerException.Kind.NOT_FOUND);
    assertThat(openError(file)).contains(file.toString(), "no such weights file");
  }

  @Test
  void emptyHeaderObjectIsAValidEmptyFile() {
    Path file = MalformedFiles.raw(dir, "empty", "{}      ", new byte[0]);
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.names()).isEmpty();
      assertThat(st.metadata()).isEmpty();
    }
  }

  private static Path write(Path file, byte[] content) {
    try {
      java.nio.file.Files.write(file, content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }
}
