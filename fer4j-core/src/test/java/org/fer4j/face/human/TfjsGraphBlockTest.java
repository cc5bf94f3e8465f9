package org.fer4j.face.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.weights.HalfFloats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TF.js graph interpreter on hand-written graph models whose results are worked out by hand:
 * float16 weights, HWIO kernels, fused bias + ReLU6, TF SAME padding (after only, stride 2),
 * reductions over NHWC axes, and the error for an op it does not know.
 */
class TfjsGraphBlockTest {
  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String node(String name, String op, String inputs, String attr) {
    return "{\"name\":\"" + name + "\",\"op\":\"" + op + "\",\"input\":[" + inputs + "],\"attr\":{" + attr + "}}";
  }

  private static String strides(int s) {
    return "\"strides\":{\"list\":{\"i\":[\"1\",\"" + s + "\",\"" + s + "\",\"1\"]}}";
  }

  private Path model(String nodes, String weights, byte[] bin) throws IOException {
    Files.write(dir.resolve("m.bin"), bin);
    String json = "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":[" + nodes + "]},"
        + "\"weightsManifest\":[{\"paths\":[\"m.bin\"],\"weights\":[" + weights + "]}]}";
    Path file = dir.resolve("m.json");
    Files.writeString(file, json);
    return file;
  }

  /**
   * A 2x2 kernel with 2 output channels in fp16 over a 3x3 one-channel input, stride 2, SAME:
   * TF pads one row and column after only, so the four outputs see the windows at (0,0), (0,2),
   * (2,0), (2,2) with zeros beyond the edge; then a bias, ReLU6 and a mean over H and W.
   */
  @Test
  void runsFloat16ConvolutionWithTfSamePaddingBiasRelu6AndMean() throws IOException {
    float[] kernel = {1, -1, 2, 0, 3, 0.5f, -4, 0}; // HWIO [2,2,1,2]: (kh,kw,out)
    float[] bias = {0.25f, -1};
    ByteBuffer bin = ByteBuffer.allocate((kernel.length + bias.length) * 2 + 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : kernel) {
      bin.putShort(HalfFloats.floatToHalf(v));
    }
    for (float v : bias) {
      bin.putShort(HalfFloats.floatToHalf(v));
    }
    bin.putInt(1).putInt(2);
    String fp16 = ",\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\",\"original_dtype\":\"float32\"}}";
    String weights = "{\"name\":\"k\",\"shape\":[2,2,1,2]" + fp16 + ",{\"name\":\"b\",\"shape\":[2]" + fp16
        + ",{\"name\":\"axes\",\"shape\":[2],\"dtype\":\"int32\"}";
    String fused = "\"fused_ops\":{\"list\":{\"s\":[\"" + b64("BiasAdd") + "\",\"" + b64("Relu6") + "\"]}},"
        + "\"padding\":{\"s\":\"" + b64("SAME") + "\"}," + strides(2);
    String nodes = String.join(",",
        node("x", "Placeholder", "", ""), node("k", "Const", "", ""), node("b", "Const", "", ""),
        node("axes", "Const", "", ""), node("conv", "_FusedConv2D", "\"x\",\"k\",\"b\"", fused),
        node("mean", "Mean", "\"conv:0\",\"axes\"", "\"keep_dims\":{\"b\":false}"));
    TfjsGraphBlock block = new TfjsGraphBlock(TfjsGraph.read(model(nodes, weights, bin.array())), "x", List.of("conv", "mean"));
    try (NDManager manager = NDManager.newBaseManager()) {
      block.load(manager);
      NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, new Shape(1, 1, 3, 3));
      var out = HumanModels.run(block, x);
      // channel 0 (k00=1, k01=2, k10=3, k11=-4): window (0,0) = 1+4+12-20 = -3 -> relu6(-2.75) = 0
      // (0,2): 3 + 0 + 3*6 + 0 = 21 -> 6; (2,0): 7 + 16 = 23 -> 6; (2,2): 9 -> 6
      // channel 1 (k00=-1, k01=0, k10=0.5, k11=0): (0,0) = -1+2 = 1 -> 0; (0,2) = -3+3 = 0 -> 0;
      // (2,0) = -7 -> 0; (2,2) = -9 -> 0
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(1, 2, 2, 2));
      assertThat(out.get(0).toFloatArray()).containsExactly(0, 6, 6, 6, 0, 0, 0, 0);
      assertThat(out.get(1).toFloatArray()).containsExactly(4.5f, 0f);
    }
  }

  @Test
  void anUnknownOpIsAnErrorNamingTheOpNodeAndFile() throws IOException {
    String nodes = String.join(",", node("x", "Placeholder", "", ""), node("odd/erf", "Erf", "\"x\"", ""));
    Path file = model(nodes, "{\"name\":\"unused\",\"shape\":[],\"dtype\":\"float32\"}", new byte[4]);
    assertThatThrownBy(() -> new TfjsGraphBlock(TfjsGraph.read(file), "x", List.of("odd/erf")))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("odd/erf")
        .hasMessageContaining("'Erf'")
        .hasMessageContaining(file.toString());
  }

  @Test
  void aMissingWeightsManifestNamesTheField() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":[" + node("x", "Placeholder", "", "") + "]}}");
    assertThatThrownBy(() -> TfjsGraph.read(file))
        .isInstanceOf(FerException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("weightsManifest");
  }
}
