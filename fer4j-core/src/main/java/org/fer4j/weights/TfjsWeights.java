package org.fer4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;

/**
 * Reads TensorFlow.js weights: a {@code *-weights_manifest.json} listing tensors (name, shape,
 * dtype, optional quantisation) and the {@code .bin} shard files holding them back to back in
 * manifest order.
 *
 * <p>Format: <a href="https://github.com/tensorflow/tfjs/blob/master/tfjs-core/src/io/types.ts">
 * tfjs-core io/types.ts</a> ({@code WeightsManifestEntry}) and {@code io/io_utils.ts}
 * ({@code decodeWeights}). Float32 and int32 values are little-endian; a uint8/uint16 quantised
 * tensor stores one byte (two bytes) per value and dequantises as {@code min + scale * q}; a
 * float16 one stores IEEE binary16 values.
 *
 * <p>Tensors keep TensorFlow's layouts here (convolutions HWIO, depthwise {@code [kh,kw,C,1]},
 * dense {@code [in,out]}); {@link #conv2d}, {@link #depthwise} and {@link #dense} give PyTorch's
 * layouts as NDArrays.
 */
public final class TfjsWeights {
  /** One decoded tensor: TensorFlow shape and row-major values. */
  public record Tensor(String name, long[] shape, float[] values) {
    /** Number of elements the shape asks for. */
    public long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private final Path manifest;
  private final Map<String, Tensor> tensors;

  private TfjsWeights(Path manifest, Map<String, Tensor> tensors) {
    this.manifest = manifest;
    this.tensors = Collections.unmodifiableMap(tensors);
  }

  /**
   * Reads a manifest and its shards (paths in the manifest are relative to its folder).
   *
   * @throws FerException naming the file when the manifest is malformed or a shard is short
   */
  public static TfjsWeights read(Path manifestFile) {
    if (!Files.isRegularFile(manifestFile)) {
      throw FerException.notFound(
          "TF.js weights manifest " + manifestFile + " does not exist; run './fer models pull'");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(manifestFile.toFile());
    } catch (IOException e) {
      throw FerException.badInput(manifestFile + ": not valid JSON: " + e.getMessage());
    }
    if (!root.isArray()) {
      throw FerException.badInput(manifestFile + ": expected a JSON array of weight groups");
    }
    return fromGroups(manifestFile, root);
  }

  /**
   * Reads the weights of a TF.js graph model: the {@code weightsManifest} of its
   * {@code model.json} and the shards it lists (relative to the model.json's folder).
   *
   * @throws FerException naming the file when it has no manifest or a shard is short
   */
  public static TfjsWeights readGraphModel(Path modelJson, JsonNode root) {
    JsonNode groups = root.path("weightsManifest");
    if (!groups.isArray()) {
      throw FerException.badInput(modelJson + ": field 'weightsManifest' is missing or not an array");
    }
    return fromGroups(modelJson, groups);
  }

  private static TfjsWeights fromGroups(Path manifestFile, JsonNode root) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (JsonNode group : root) {
      ByteBuffer data = readShards(manifestFile, group.path("paths"));
      for (JsonNode entry : group.path("weights")) {
        Tensor t = decode(manifestFile, entry, data);
        out.put(t.name(), t);
      }
      if (data.hasRemaining()) {
        throw FerException.badInput(
            manifestFile + ": " + data.remaining() + " bytes left over after the last tensor of "
                + group.path("paths") + "; manifest and .bin do not match");
      }
    }
    return new TfjsWeights(manifestFile, out);
  }

  private static ByteBuffer readShards(Path manifestFile, JsonNode paths) {
    if (!paths.isArray() || paths.isEmpty()) {
      throw FerException.badInput(manifestFile + ": a weight group has no 'paths'");
    }
    try {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (JsonNode p : paths) {
        Path shard = manifestFile.resolveSibling(p.asText());
        if (!Files.isRegularFile(shard)) {
          throw FerException.notFound(
              manifestFile + " lists shard " + p.asText() + " but " + shard + " is missing");
        }
        all.write(Files.readAllBytes(shard));
      }
      return ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new FerException(
          FerException.Kind.ENVIRONMENT, "cannot read shards of " + manifestFile, e);
    }
  }

  static Tensor decode(Path file, JsonNode entry, ByteBuffer data) {
    String name = entry.path("name").asText();
    long[] shape = new long[entry.path("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = entry.path("shape").get(i).asLong();
    }
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    JsonNode q = entry.get("quantization");
    String dtype = q != null ? q.path("dtype").asText() : entry.path("dtype").asText();
    int bytesPer = switch (dtype) {
      case "uint8" -> 1;
      case "uint16", "float16" -> 2;
      case "float32", "int32" -> 4;
      default -> throw FerException.badInput(
          file + ": tensor " + name + " has dtype '" + dtype + "'; supported: float32, int32, float16, uint8, uint16");
    };
    if (data.remaining() < (long) n * bytesPer) {
      throw FerException.badInput(
          file + ": tensor " + name + " needs " + (long) n * bytesPer + " bytes but only "
              + data.remaining() + " are left in the .bin; the download is truncated");
    }
    float[] values = new float[n];
    if ("float16".equals(dtype)) {
      // tfjs's float16 "quantisation" stores IEEE binary16 values (io_utils.ts getFloat16Decoder).
      for (int i = 0; i < n; i++) {
        values[i] = HalfFloats.halfToFloat(data.getShort());
      }
    } else if (q != null) {
      double min = q.path("min").asDouble();
      double scale = q.path("scale").asDouble();
      for (int i = 0; i < n; i++) {
        int raw = bytesPer == 1 ? data.get() & 0xFF : data.getShort() & 0xFFFF;
        values[i] = (float) (min + scale * raw);
      }
    } else if ("int32".equals(dtype)) {
      for (int i = 0; i < n; i++) {
        values[i] = data.getInt();
      }
    } else if ("float32".equals(dtype)) {
      for (int i = 0; i < n; i++) {
        values[i] = data.getFloat();
      }
    } else {
      throw FerException.badInput(
          file + ": tensor " + name + ": dtype '" + dtype + "' needs a 'quantization' entry (min, scale)");
    }
    return new Tensor(name, shape, values);
  }

  /** The manifest this was read from. */
  public Path manifest() {
    return manifest;
  }

  /** Every tensor by name, in manifest order. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** One tensor; a missing name is an error naming the manifest. */
  public Tensor get(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw FerException.badInput(
          manifest + " has no tensor '" + name + "'; is this the right model's manifest?");
    }
    return t;
  }

  /** A tensor as an NDArray in its TensorFlow shape. */
  public NDArray raw(NDManager manager, String name) {
    Tensor t = get(name);
    return manager.create(t.values(), new Shape(t.shape()));
  }

  /** A convolution kernel: TF HWIO {@code [kh,kw,in,out]} to PyTorch OIHW, contiguous. */
  public NDArray conv2d(NDManager manager, String name) {
    return permuted(manager, name, 4, new int[] {3, 2, 0, 1});
  }

  /** A depthwise kernel: TF {@code [kh,kw,C,1]} to PyTorch grouped OIHW {@code [C,1,kh,kw]}. */
  public NDArray depthwise(NDManager manager, String name) {
    return permuted(manager, name, 4, new int[] {2, 3, 0, 1});
  }

  /** A dense kernel: TF {@code [in,out]} to PyTorch Linear {@code [out,in]}, contiguous. */
  public NDArray dense(NDManager manager, String name) {
    return permuted(manager, name, 2, new int[] {1, 0});
  }

  /** A vector (bias, batch-norm statistics); any shape with one non-unit axis. */
  public NDArray vector(NDManager manager, String name) {
    Tensor t = get(name);
    return manager.create(t.values(), new Shape(t.values().length));
  }

  // Permuted in Java so the NDArray is contiguous: PyTorch convolutions run faster on it.
  private NDArray permuted(NDManager manager, String name, int rank, int[] axes) {
    Tensor t = get(name);
    if (t.shape().length != rank) {
      throw FerException.badInput(
          manifest + ": tensor " + name + " has shape " + java.util.Arrays.toString(t.shape())
              + " but rank " + rank + " is expected");
    }
    long[] outShape = new long[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = t.shape()[axes[i]];
    }
    return manager.create(permute(t.values(), t.shape(), axes), new Shape(outShape));
  }

  /** Row-major permutation of a tensor's values: output axis i is input axis {@code axes[i]}. */
  static float[] permute(float[] in, long[] shape, int[] axes) {
    int rank = shape.length;
    long[] inStrides = new long[rank];
    long stride = 1;
    for (int i = rank - 1; i >= 0; i--) {
      inStrides[i] = stride;
      stride *= shape[i];
    }
    long[] outShape = new long[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = shape[axes[i]];
    }
    float[] out = new float[in.length];
    int[] idx = new int[rank];
    for (int o = 0; o < out.length; o++) {
      long src = 0;
      for (int i = 0; i < rank; i++) {
        src += idx[i] * inStrides[axes[i]];
      }
      out[o] = in[(int) src];
      for (int i = rank - 1; i >= 0; i--) {
        if (++idx[i] < outShape[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return out;
  }
}
