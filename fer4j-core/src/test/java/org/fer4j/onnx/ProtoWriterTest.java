package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte-exact checks of the wire format against the examples of the protobuf encoding guide. */
class ProtoWriterTest {

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void varintsUseSevenBitGroupsLeastSignificantFirst() {
    // the guide's example: field 1 = 150 is 08 96 01
    assertThat(new ProtoWriter().int64(1, 150).toByteArray()).containsExactly(bytes(0x08, 0x96, 0x01));
    assertThat(new ProtoWriter().int64(2, 300).toByteArray()).containsExactly(bytes(0x10, 0xAC, 0x02));
  }

  @Test
  void negativeIntegersTakeTenBytesAsTwosComplement() {
    byte[] encoded = new ProtoWriter().int64(1, -1).toByteArray();
    assertThat(encoded).hasSize(11);
    assertThat(encoded[0]).isEqualTo((byte) 0x08);
    assertThat(encoded[10]).isEqualTo((byte) 0x01);
  }

  @Test
  void stringsNestedMessagesAndFloatsCarryTheirWireTypes() {
    // the guide's example: field 2 = "testing" is 12 07 74 65 73 74 69 6e 67
    assertThat(new ProtoWriter().string(2, "testing").toByteArray())
        .containsExactly(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67));
    ProtoWriter nested = new ProtoWriter().int64(1, 150);
    assertThat(new ProtoWriter().message(3, nested).toByteArray())
        .containsExactly(bytes(0x1a, 0x03, 0x08, 0x96, 0x01));
    // 1.0f is 0x3f800000, little-endian after the tag (field 2, wire type 5)
    assertThat(new ProtoWriter().float32(2, 1f).toByteArray())
        .containsExactly(bytes(0x15, 0x00, 0x00, 0x80, 0x3f));
  }

  @Test
  void packedRepeatedNumbersAreOneLengthDelimitedRun() {
    // the guide's example: packed field 4 = [3, 270, 86942] is 22 06 03 8e 02 9e a7 05
    assertThat(new ProtoWriter().packedInt64(4, new long[] {3, 270, 86942}).toByteArray())
        .containsExactly(bytes(0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05));
    assertThat(new ProtoWriter().packedFloat(7, new float[] {1f, -2f}).toByteArray())
        .containsExactly(bytes(0x3a, 0x08, 0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0));
  }

  @Test
  void fieldNumbersStartAtOne() {
    assertThatThrownBy(() -> new ProtoWriter().int64(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start at 1");
  }

  @Test
  void aTensorWhoseValuesDoNotFillItsShapeIsRefusedByName() {
    assertThatThrownBy(() -> OnnxProto.Tensor.floats("fc.weight", new float[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fc.weight")
        .hasMessageContaining("[2, 3]");
  }

  @Test
  void aModelStartsWithItsIrVersionAndEndsWithItsMetadata() {
    OnnxGraph g = new OnnxGraph();
    String x = g.input("input", "batch", 3L);
    g.output("logits", g.node("relu", "Relu", List.of(x)), "batch", 3L);
    byte[] model =
        new OnnxProto.Model(8, 17, "fer4j", "test", "", g.build("g"), Map.of("k", "v"))
            .toByteArray();
    assertThat(model[0]).isEqualTo((byte) 0x08); // field 1, varint
    assertThat(model[1]).isEqualTo((byte) 8);
    // metadata_props (field 14, wire type 2 = 0x72) {key "k", value "v"} closes the message
    assertThat(java.util.Arrays.copyOfRange(model, model.length - 8, model.length))
        .containsExactly(bytes(0x72, 0x06, 0x0a, 0x01, 'k', 0x12, 0x01, 'v'));
  }
}
