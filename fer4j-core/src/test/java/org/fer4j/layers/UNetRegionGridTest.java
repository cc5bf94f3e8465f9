package org.fer4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fer4j.layers.LayerTestSupport.init;
import static org.fer4j.layers.LayerTestSupport.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UNetRegionGridTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void unetKeepsResolutionAndHasTheHandCountedParameters() {
    try (NDManager m = NDManager.newBaseManager()) {
      UNet unet = UNet.builder().optDepth(1).optWidth(2).build();
      init(unet, m, new Shape(2, 1, 8, 8));
      long params =
          unet.getParameters().values().stream()
              .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN)
              .filter(p -> p.getType() != Parameter.Type.RUNNING_VAR)
              .mapToLong(p -> p.getShape().size())
              .sum();
      // down0 (1->2->2): 18+4+36+4; down1 (2->4->4): 72+8+144+8; upconv (4->2, 2x2 + bias): 34;
      // up0 (concat 4 -> 2 -> 2): 72+4+36+4.
      assertThat(params).isEqualTo(62 + 232 + 34 + 116);
      NDArray out = run(unet, m, true, m.randomNormal(new Shape(2, 1, 8, 8))).head();
      assertThat(out.getShape()).isEqualTo(new Shape(2, 2, 8, 8));
    }
  }

  @Test
  void upConvScattersEachInputIntoA2x2Block() {
    try (NDManager m = NDManager.newBaseManager()) {
      UpConv2x2 up = new UpConv2x2(2);
      init(up, m, new Shape(1, 1, 1, 2));
      LayerTestSupport.set(up, "weight", 1, 2, 3, 4, 5, 6, 7, 8); // (c_in=1, c_out=2, 2, 2)
      LayerTestSupport.set(up, "bias", 0.5f, -1f);
      NDArray x = m.create(new float[] {2, -1}, new Shape(1, 1, 1, 2));
      float[] out = run(up, m, false, x).head().toFloatArray();
      // Output (1, 2, 2, 4): row a, column 2j+b = x_j * W[o, a, b] + bias_o.
      assertThat(out)
          .containsExactly(
              2.5f, 4.5f, -0.5f, -1.5f, 6.5f, 8.5f, -2.5f, -3.5f, // channel 0
              9f, 11f, -6f, -7f, 13f, 15f, -8f, -9f); // channel 1
    }
  }

  @Test
  void deepUnetShapeAndSizeCheck() {
    try (NDManager m = NDManager.newBaseManager()) {
      UNet unet = UNet.builder().optDepth(4).optWidth(4).build();
      init(unet, m, new Shape(1, 3, 32, 32));
      assertThat(
              run(unet, m, false, m.randomUniform(0, 1, new Shape(1, 3, 32, 32))).head().getShape())
          .isEqualTo(new Shape(1, 4, 32, 32));
      assertThatThrownBy(() -> run(unet, m, false, m.zeros(new Shape(1, 3, 40, 40))))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("divisible by 16")
          .hasMessageContaining("(1, 3, 40, 40)");
    }
  }

  @Test
  void quadrantsSplitRowMajorAndMergeBack() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(16f).reshape(1, 1, 4, 4);
      RegionGrid grid = RegionGrid.builder().setGrid(2).build();
      NDList parts = grid.split(x);
      assertThat(parts).hasSize(4);
      assertThat(parts.get(0).toFloatArray()).containsExactly(0, 1, 4, 5);
      assertThat(parts.get(1).toFloatArray()).containsExactly(2, 3, 6, 7);
      assertThat(parts.get(2).toFloatArray()).containsExactly(8, 9, 12, 13);
      assertThat(parts.get(3).toFloatArray()).containsExactly(10, 11, 14, 15);
      assertThat(grid.merge(parts).toFloatArray()).containsExactly(x.toFloatArray());
      assertThat(grid.tiles(4, 4)).isTrue();
    }
  }

  @Test
  void overlappingThreeByThreeWindowsSpanTheMap() {
    RegionGrid grid = RegionGrid.builder().setGrid(3).optOverlap(0.25).build();
    // window = ceil(112 / 3 * 1.25) = 47; starts = 0, round(65 / 2) = 33, 65.
    assertThat(grid.window(112)).isEqualTo(47);
    assertThat(grid.starts(112)).containsExactly(0, 33, 65);
    RegionGrid plain = RegionGrid.builder().setGrid(3).build();
    assertThat(plain.starts(12)).containsExactly(0, 4, 8);
    try (NDManager m = NDManager.newBaseManager()) {
      NDList parts = grid.split(m.zeros(new Shape(2, 5, 112, 112)));
      assertThat(parts).hasSize(9);
      assertThat(parts.get(8).getShape()).isEqualTo(new Shape(2, 5, 47, 47));
      assertThatThrownBy(() -> grid.merge(parts))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("overlap 0");
    }
  }
}
