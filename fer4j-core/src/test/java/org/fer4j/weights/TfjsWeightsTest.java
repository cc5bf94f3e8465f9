package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsWeightsTest {
  @TempDir Path dir;

  // A manifest with a uint8-quantised HWIO kernel [1,2,1,2], a float32 bias [2] and a
  // depthwise [1,1,2,1], spread over two shards.
  private Path writeModel() throws IOException {
    String manifest =
        "[{\"paths\":[\"m.bin\",\"m2.bin\"],\"weights\":["
            + "{\"name\":\"k\",\"shape\":[1,2,1,2],\"dtype\":\"float32\","
            + "\"quantization\":{\"dtype\":\"uint8\",\"min\":-1.0,\"scale\":0.5}},"
            + "{\"name\":\"b\",\"shape\":[2],\"dtype\":\"float32\"},"
            + "{\"name\":\"d\",\"shape\":[1,1,2,1],\"dtype\":\"float32\"}]}]";
    Files.writeString(dir.resolve("m-weights_manifest.json"), manifest);
    // k bytes 0,1,2,3 -> -1, -0.5, 0, 0.5 in HWIO order [h=0][w][i=0][o]
    ByteBuffer b = ByteBuffer.allocate(4 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) 1).put((byte) 2).put((byte) 3).putFloat(1.25f).putFloat(-2f);
    Files.write(dir.resolve("m.bin"), b.array());
    ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(7f).putFloat(9f);
    Files.write(dir.resolve("m2.bin"), d.array());
    return dir.resolve("m-weights_manifest.json");
  }

  @Test
  void dequantisesAndReadsFloatsAcrossShards() throws IOException {
    TfjsWeights w = TfjsWeights.read(writeModel());
    assertThat(w.tensors().keySet()).containsExactly("k", "b", "d");
    assertThat(w.get("k").values()).containsExactly(-1f, -0.5f, 0f, 0.5f);
    assertThat(w.get("b").values()).containsExactly(1.25f, -2f);
    assertThat(w.get("d").values()).containsExactly(7f, 9f);
  }

  @Test
  void convertsTensorFlowLayoutsToPyTorch() throws IOException {
    Engines.init();
    TfjsWeights w = TfjsWeights.read(writeModel());
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray conv = w.conv2d(m, "k"); // HWIO [1,2,1,2] -> OIHW [2,1,1,2]
      assertThat(conv.getShape().getShape()).containsExactly(2, 1, 1, 2);
      // out channel 0 holds w=0,1 of o=0: -1 and 0; channel 1: -0.5 and 0.5
      assertThat(conv.toFloatArray()).containsExactly(-1f, 0f, -0.5f, 0.5f);
      NDArray dw = w.depthwise(m, "d"); // [1,1,2,1] -> [2,1,1,1]
      assertThat(dw.getShape().getShape()).containsExactly(2, 1, 1, 1);
      assertThat(dw.toFloatArray()).containsExactly(7f, 9f);
    }
  }

  @Test
  void permuteMatchesHandComputedTranspose() {
    // 2x3 matrix transposed
    float[] out = TfjsWeights.permute(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, new int[] {1, 0});
    assertThat(out).containsExactly(1, 4, 2, 5, 3, 6);
  }

  @Test
  void truncatedShardNamesTheTensorAndFile() throws IOException {
    Path manifest = writeModel();
    Files.write(dir.resolve("m2.bin"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> TfjsWeights.read(manifest))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("m-weights_manifest.json")
        .hasMessageContaining("tensor d needs 8 bytes but only 3");
  }

  @Test
  void missingTensorIsExplained() throws IOException {
    TfjsWeights w = TfjsWeights.read(writeModel());
    assertThatThrownBy(() -> w.get("nope"))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("has no tensor 'nope'");
  }
}
