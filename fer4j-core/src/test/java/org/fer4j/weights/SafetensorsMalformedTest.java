package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed-file check names the file and, where one is at fault, the tensor. */
class SafetensorsMalformedTest {
  @TempDir Path dir;

  private static final String TWO_F32 = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

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
    Path file = MalformedFiles.bytes(dir, "long", 1000, TWO_F32.getBytes(StandardCharsets.UTF_8), new byte[8]);
    assertThat(openError(file))
        .contains(file.toString(), "header length 1000 is larger than the file", "bytes");
  }

  @Test
  void negativeHeaderLengthIsReportedUnsigned() {
    Path file = MalformedFiles.bytes(dir, "neg", -1, new byte[0], new byte[0]);
    assertThat(openError(file)).contains(file.toString(), "18446744073709551615", "larger than the file");
  }

  @Test
  void truncatedDataNamesTheTensorAndTheMissingBytes() {
    String json =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[4,20]}}";
    Path file = MalformedFiles.raw(dir, "cut", json, new byte[12]);
    assertThat(openError(file))
        .contains(file.toString(), "truncated", "tensor 'w'", "up to 20", "only 12 bytes");
  }

  @Test
  void overlappingOffsetsNameBothTensors() {
    String json =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    Path file = MalformedFiles.raw(dir, "overlap", json, new byte[12]);
    assertThat(openError(file)).contains(file.toString(), "tensor 'b'", "overlaps tensor 'a'", "ends at 8");
  }

  @Test
  void gapBetweenTensorsIsRejected() {
    String json =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}";
    Path file = MalformedFiles.raw(dir, "gap", json, new byte[20]);
    assertThat(openError(file)).contains(file.toString(), "tensor 'b' starts at byte 12", "'a' ends at 8");
  }

  @Test
  void offsetsThatDisagreeWithShapeAndDtype() {
    String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}";
    Path file = MalformedFiles.raw(dir, "size", json, new byte[12]);
    assertThat(openError(file))
        .contains(file.toString(), "tensor 'w'", "[0, 12] (12 bytes)", "F32 (2) needs 8 bytes");
  }

  @Test
  void offsetsThatEndBeforeTheyBegin() {
    String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}";
    Path file = MalformedFiles.raw(dir, "backwards", json, new byte[0]);
    assertThat(openError(file)).contains(file.toString(), "tensor 'w'", "end before they begin");
  }

  @Test
  void unknownDtypeNamesTensorAndListsSupportedTypes() {
    String json = "{\"q\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,1]}}";
    Path file = MalformedFiles.raw(dir, "dtype", json, new byte[1]);
    assertThat(openError(file))
        .contains(file.toString(), "tensor 'q'", "dtype 'Q4'", "F32, F16, BF16, F64, I64, I32");
  }

  @Test
  void trailingBytesAfterTheLastTensor() {
    Path file = MalformedFiles.raw(dir, "trailing", TWO_F32, new byte[11]);
    assertThat(openError(file)).contains(file.toString(), "3 bytes follow the last tensor 'w'");
  }

  @Test
  void headerThatIsNotJson() {
    Path file = MalformedFiles.raw(dir, "json", "{\"w\": [", new byte[0]);
    assertThat(openError(file)).contains(file.toString(), "not valid JSON");
  }

  @Test
  void duplicateTensorNamesAreRejected() {
    String json =
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    Path file = MalformedFiles.raw(dir, "dup", json, new byte[8]);
    assertThat(openError(file)).contains(file.toString(), "not valid JSON", "Duplicate field 'w'");
  }

  @Test
  void missingFieldsAndNegativeDimensions() {
    String noShape = "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}";
    Path a = MalformedFiles.raw(dir, "noshape", noShape, new byte[4]);
    assertThat(openError(a)).contains(a.toString(), "tensor 'w'", "'shape'");
    String negative = "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}";
    Path b = MalformedFiles.raw(dir, "negative", negative, new byte[4]);
    assertThat(openError(b)).contains(b.toString(), "tensor 'w'", "entry -1", "non-negative");
  }

  @Test
  void metadataMustHoldStrings() {
    String json = "{\"__metadata__\":{\"epoch\":3}}";
    Path file = MalformedFiles.raw(dir, "meta", json, new byte[0]);
    assertThat(openError(file)).contains(file.toString(), "__metadata__ value of 'epoch'");
  }

  @Test
  void missingFileIsNotFound() {
    Path file = dir.resolve("absent.safetensors");
    assertThat(MalformedFiles.kind(() -> Safetensors.open(file))).isEqualTo(FerException.Kind.NOT_FOUND);
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
