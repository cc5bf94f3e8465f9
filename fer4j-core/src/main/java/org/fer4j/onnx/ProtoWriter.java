package org.fer4j.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one protocol-buffer message in the binary wire format
 * (https://protobuf.dev/programming-guides/encoding/): each field is a tag {@code (number << 3) |
 * wireType} followed by a varint (wire type 0), four little-endian bytes (5) or a length-prefixed
 * payload (2: strings, bytes, nested messages and packed repeated numbers). Written by hand so
 * that fer4j needs neither protoc nor generated code for the handful of ONNX messages it writes.
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final Buffer out = new Buffer();

  /** An int32, int64 or enum field; negative values take ten bytes, as protobuf specifies. */
  ProtoWriter int64(int field, long value) {
    tag(field, VARINT);
    varint(value);
    return this;
  }

  /** A float field (wire type 5). */
  ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    fixed32(Float.floatToIntBits(value));
    return this;
  }

  /** A string field, UTF-8 encoded. */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A bytes field. */
  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  /** A nested message field. */
  ProtoWriter message(int field, ProtoWriter nested) {
    tag(field, LENGTH_DELIMITED);
    varint(nested.out.size());
    nested.out.copyTo(out);
    return this;
  }

  /** A repeated int64 field in packed form: one length-delimited run of varints. */
  ProtoWriter packedInt64(int field, long[] values) {
    ProtoWriter run = new ProtoWriter();
    for (long v : values) {
      run.varint(v);
    }
    tag(field, LENGTH_DELIMITED);
    varint(run.out.size());
    run.out.copyTo(out);
    return this;
  }

  /** A repeated float field in packed form: one length-delimited run of little-endian floats. */
  ProtoWriter packedFloat(int field, float[] values) {
    ByteBuffer run = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    run.asFloatBuffer().put(values);
    return bytes(field, run.array());
  }

  /** The encoded message. */
  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** Bytes written so far. */
  int size() {
    return out.size();
  }

  private void tag(int field, int wireType) {
    if (field < 1) {
      throw new IllegalArgumentException("protobuf field numbers start at 1, got " + field);
    }
    varint(((long) field << 3) | wireType);
  }

  /** Seven bits per byte, least significant group first, high bit set on all but the last. */
  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** A byte buffer that appends itself to another without an intermediate copy. */
  private static final class Buffer extends ByteArrayOutputStream {
    void copyTo(ByteArrayOutputStream target) {
      target.write(buf, 0, count);
    }
  }

  private void fixed32(int bits) {
    for (int i = 0; i < 4; i++) {
      out.write((bits >>> (8 * i)) & 0xFF);
    }
  }
}
