package org.fer4j.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;

/**
 * The parsed and checked header of a safetensors file: tensor entries in header order and the
 * optional {@code __metadata__} string map.
 *
 * <p>Checks follow the reference reader (huggingface/safetensors, {@code
 * safetensors/src/tensor.rs}, {@code read_metadata} and {@code Metadata::validate}): the header is
 * UTF-8 JSON of at most 100,000,000 bytes without duplicate keys; every tensor's byte range has the
 * length its dtype and shape imply; sorted by offset the ranges tile the data section exactly (no
 * overlap, no gap, nothing after the last one). Every failure is a {@link FerException} that names
 * the file and the tensor.
 *
 * @param tensors tensor entries in the order the header lists them
 * @param metadata the {@code __metadata__} map, empty when absent
 * @param dataStart file offset of the data section (8 + header length)
 */
public record SafetensorsHeader(
    Map<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {

  /** The largest header the reference implementation accepts. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  static final String METADATA_KEY = "__metadata__";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final String FIX =
      " The file is damaged or not a safetensors file; export it again (see docs/weights.md).";

  public SafetensorsHeader {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * Parses and validates a header.
   *
   * @param file the file, only for messages
   * @param headerBytes the JSON bytes (after the 8-byte length)
   * @param dataLength bytes that follow the header in the file
   */
  static SafetensorsHeader parse(String file, ByteBuffer headerBytes, long dataLength) {
    JsonNode root = readJson(file, headerBytes);
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (METADATA_KEY.equals(field.getKey())) {
        metadata.putAll(readMetadata(file, field.getValue()));
      } else {
        tensors.put(field.getKey(), readEntry(file, field.getKey(), field.getValue()));
      }
    }
    checkTiling(file, tensors, dataLength);
    return new SafetensorsHeader(tensors, metadata, 8 + headerBytes.capacity());
  }

  private static JsonNode readJson(String file, ByteBuffer headerBytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(headerBytes.duplicate())
              .toString();
    } catch (CharacterCodingException e) {
      throw FerException.badInput(file + ": the safetensors header is not valid UTF-8." + FIX);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw FerException.badInput(
          file + ": the safetensors header is not valid JSON (" + e.getOriginalMessage() + ")." + FIX);
    }
    if (root == null || !root.isObject()) {
      throw FerException.badInput(file + ": the safetensors header is not a JSON object." + FIX);
    }
    return root;
  }

  private static Map<String, String> readMetadata(String file, JsonNode node) {
    if (!node.isObject()) {
      throw FerException.badInput(file + ": __metadata__ must be an object of strings." + FIX);
    }
    Map<String, String> out = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw FerException.badInput(
                    file + ": __metadata__ value of '" + e.getKey() + "' is not a string." + FIX);
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }

  private static TensorInfo readEntry(String file, String name, JsonNode node) {
    String where = file + ": tensor '" + name + "'";
    if (!node.isObject()) {
      throw FerException.badInput(where + " is not a JSON object." + FIX);
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw FerException.badInput(where + " has no dtype." + FIX);
    }
    StDtype dtype = StDtype.fromHeader(dtypeNode.asText());
    if (dtype == null) {
      throw FerException.badInput(
          where + " has dtype '" + dtypeNode.asText() + "', which fer4j does not read (supported: "
              + StDtype.supported() + "). Convert the tensor to F32, F16 or BF16 before export.");
    }
    long[] shape = readLongs(where, node.get("shape"), "shape", -1);
    long[] offsets = readLongs(where, node.get("data_offsets"), "data_offsets", 2);
    if (offsets[1] < offsets[0]) {
      throw FerException.badInput(
          where + " has data_offsets [" + offsets[0] + ", " + offsets[1] + "] that end before they begin." + FIX);
    }
    TensorInfo info = new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    long expected = expectedBytes(where, info);
    if (info.byteLength() != expected) {
      throw FerException.badInput(
          where + " has data_offsets [" + offsets[0] + ", " + offsets[1] + "] (" + info.byteLength()
              + " bytes) but " + dtype + " " + info.shapeText() + " needs " + expected + " bytes." + FIX);
    }
    return info;
  }

  private static long expectedBytes(String where, TensorInfo info) {
    try {
      long n = 1;
      for (long d : info.shape()) {
        n = Math.multiplyExact(n, d);
      }
      return Math.multiplyExact(n, info.dtype().bytes());
    } catch (ArithmeticException e) {
      throw FerException.badInput(where + " has a shape whose byte size overflows." + FIX);
    }
  }

  private static long[] readLongs(String where, JsonNode node, String field, int length) {
    if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
      String want = length >= 0 ? "an array of " + length + " integers" : "an array of integers";
      throw FerException.badInput(where + " needs '" + field + "' as " + want + "." + FIX);
    }
    long[] out = new long[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
        throw FerException.badInput(
            where + " has '" + field + "' entry " + v + "; it must be a non-negative integer." + FIX);
      }
      out[i] = v.asLong();
    }
    return out;
  }

  /** Sorted by offset, the ranges must tile [0, dataLength) exactly. */
  private static void checkTiling(String file, Map<String, TensorInfo> tensors, long dataLength) {
    List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
    byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    long expectedBegin = 0;
    String previous = null;
    for (TensorInfo t : byOffset) {
      if (t.begin() < expectedBegin) {
        throw FerException.badInput(
            file + ": tensor '" + t.name() + "' (bytes [" + t.begin() + ", " + t.end()
                + ")) overlaps tensor '" + previous + "' (which ends at " + expectedBegin + ")." + FIX);
      }
      if (t.begin() > expectedBegin) {
        throw FerException.badInput(
            file + ": tensor '" + t.name() + "' starts at byte " + t.begin() + " but the previous tensor"
                + (previous == null ? "" : " '" + previous + "'") + " ends at " + expectedBegin
                + "; the data section must have no gaps." + FIX);
      }
      expectedBegin = t.end();
      previous = t.name();
    }
    if (expectedBegin > dataLength) {
      throw FerException.badInput(
          file + ": the file is truncated: tensor '" + previous + "' needs data bytes up to "
              + expectedBegin + " but only " + dataLength + " bytes follow the header."
              + " Copy or download the file again.");
    }
    if (expectedBegin < dataLength) {
      throw FerException.badInput(
          file + ": " + (dataLength - expectedBegin) + " bytes follow the last tensor"
              + (previous == null ? "" : " '" + previous + "'")
              + "; the header does not describe the whole file." + FIX);
    }
  }
}
