package org.fer4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ONNX messages fer4j writes, each with its encoder. Field numbers are those of {@code
 * onnx/onnx} {@code onnx/onnx.proto} (IR version 8); only the fields an inference graph needs are
 * present. Repeated numbers are written packed, which every protobuf parser accepts.
 */
public final class OnnxProto {
  /** {@code TensorProto.DataType.FLOAT}. */
  public static final int FLOAT = 1;

  /** {@code TensorProto.DataType.INT64}. */
  public static final int INT64 = 7;

  private OnnxProto() {}

  /**
   * A {@code TensorProto} with its values as little-endian {@code raw_data}.
   *
   * @param name the initializer's name, which nodes use as an input
   * @param dataType {@link #FLOAT} or {@link #INT64}
   * @param dims the shape
   * @param rawData the values, little-endian, row-major
   */
  public record Tensor(String name, int dataType, long[] dims, byte[] rawData) {
    /** A float tensor of shape {@code dims}. */
    public static Tensor floats(String name, float[] values, long... dims) {
      checkCount(name, values.length, dims);
      ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      raw.asFloatBuffer().put(values);
      return new Tensor(name, FLOAT, dims.clone(), raw.array());
    }

    /** An int64 tensor of shape {@code dims} (shapes for Reshape, axes). */
    public static Tensor int64s(String name, long[] values, long... dims) {
      checkCount(name, values.length, dims);
      ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
      raw.asLongBuffer().put(values);
      return new Tensor(name, INT64, dims.clone(), raw.array());
    }

    private static void checkCount(String name, int count, long[] dims) {
      long expected = 1;
      for (long d : dims) {
        expected *= d;
      }
      if (expected != count) {
        throw new IllegalArgumentException(
            "tensor " + name + ": " + count + " values do not fill shape " + List.of(box(dims)));
      }
    }

    ProtoWriter encode() {
      return new ProtoWriter()
          .packedInt64(1, dims)
          .int64(2, dataType)
          .string(8, name)
          .bytes(9, rawData);
    }
  }

  /** An {@code AttributeProto}: a name, its {@code AttributeType} and one value. */
  public record Attribute(String name, int type, Object value) {
    private static final int FLOAT_TYPE = 1;
    private static final int INT_TYPE = 2;
    private static final int STRING_TYPE = 3;
    private static final int FLOATS_TYPE = 6;
    private static final int INTS_TYPE = 7;

    public static Attribute of(String name, long value) {
      return new Attribute(name, INT_TYPE, value);
    }

    public static Attribute of(String name, float value) {
      return new Attribute(name, FLOAT_TYPE, value);
    }

    public static Attribute of(String name, String value) {
      return new Attribute(name, STRING_TYPE, value);
    }

    public static Attribute ints(String name, long... values) {
      return new Attribute(name, INTS_TYPE, values.clone());
    }

    public static Attribute floats(String name, float... values) {
      return new Attribute(name, FLOATS_TYPE, values.clone());
    }

    ProtoWriter encode() {
      ProtoWriter w = new ProtoWriter().string(1, name).int64(20, type);
      return switch (type) {
        case FLOAT_TYPE -> w.float32(2, (Float) value);
        case INT_TYPE -> w.int64(3, (Long) value);
        case STRING_TYPE -> w.string(4, (String) value);
        case FLOATS_TYPE -> w.packedFloat(7, (float[]) value);
        case INTS_TYPE -> w.packedInt64(8, (long[]) value);
        default -> throw new IllegalStateException("attribute type " + type + " is not written");
      };
    }
  }

  /** A {@code NodeProto}: one operator call of the default ONNX domain. */
  public record Node(
      String name,
      String opType,
      List<String> inputs,
      List<String> outputs,
      List<Attribute> attributes) {
    ProtoWriter encode() {
      ProtoWriter w = new ProtoWriter();
      inputs.forEach(i -> w.string(1, i));
      outputs.forEach(o -> w.string(2, o));
      w.string(3, name).string(4, opType);
      attributes.forEach(a -> w.message(5, a.encode()));
      return w;
    }
  }

  /**
   * A {@code ValueInfoProto} of a float or int64 tensor: a graph input or output.
   *
   * @param dims each a {@link Long} (fixed size) or a {@link String} (a named dynamic axis)
   */
  public record ValueInfo(String name, int elemType, List<Object> dims) {
    ProtoWriter encode() {
      ProtoWriter shape = new ProtoWriter();
      for (Object d : dims) {
        ProtoWriter dim = new ProtoWriter();
        if (d instanceof String param) {
          dim.string(2, param);
        } else {
          dim.int64(1, ((Number) d).longValue());
        }
        shape.message(1, dim);
      }
      ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
      return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }
  }

  /** A {@code GraphProto}: nodes in topological order, weights, inputs and outputs. */
  public record Graph(
      String name,
      List<Node> nodes,
      List<Tensor> initializers,
      List<ValueInfo> inputs,
      List<ValueInfo> outputs) {
    ProtoWriter encode() {
      ProtoWriter w = new ProtoWriter();
      nodes.forEach(n -> w.message(1, n.encode()));
      w.string(2, name);
      initializers.forEach(t -> w.message(5, t.encode()));
      inputs.forEach(i -> w.message(11, i.encode()));
      outputs.forEach(o -> w.message(12, o.encode()));
      return w;
    }
  }

  /**
   * A {@code ModelProto} importing one version of the default operator set.
   *
   * @param metadata {@code metadata_props}, written in iteration order
   */
  public record Model(
      long irVersion,
      int opsetVersion,
      String producerName,
      String producerVersion,
      String docString,
      Graph graph,
      Map<String, String> metadata) {
    public Model {
      metadata = new LinkedHashMap<>(metadata);
    }

    /** The serialised model, the bytes of a {@code .onnx} file. */
    public byte[] toByteArray() {
      ProtoWriter w =
          new ProtoWriter()
              .int64(1, irVersion)
              .string(2, producerName)
              .string(3, producerVersion)
              .string(6, docString)
              .message(7, graph.encode())
              .message(8, new ProtoWriter().string(1, "").int64(2, opsetVersion));
      metadata.forEach((k, v) -> w.message(14, new ProtoWriter().string(1, k).string(2, v)));
      return w.toByteArray();
    }
  }

  private static Long[] box(long[] values) {
    Long[] boxed = new Long[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
