package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Map;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.Engines;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.TorchLayers;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A block without a converter stops the export, naming its path and type. */
class UnsupportedBlockTest {
  private static final ExportInfo INFO =
      new ExportInfo("test", PreprocessConfig.imagenet(8), LabelSpace.indexed("c", 4), Map.of());

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static void exportInitialised(Block block) {
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
      OnnxExporter.standard().export(block, INFO);
    }
  }

  @Test
  void anUnknownLambdaKindIsNamedWithItsPath() {
    Block model =
        new IndexedSequential()
            .addAll(
                TorchLayers.conv2d(4, 3, 1, 1, 1, false),
                new IndexedSequential()
                    .addAll(Lambda.relu(), Lambda.elementwise("Softsign", x -> x.div(x.abs().add(1)))));
    assertThatThrownBy(() -> exportInitialised(model))
        .isInstanceOf(UnsupportedBlockException.class)
        .hasMessageContaining("'1.1'")
        .hasMessageContaining("Lambda 'Softsign'");
  }

  @Test
  void aBlockTypeWithoutConverterIsNamedWithItsPath() {
    Block model =
        new IndexedSequential().addAll(TorchLayers.conv2d(4, 3, 1, 1, 1, false), Activation.reluBlock());
    assertThatThrownBy(() -> exportInitialised(model))
        .isInstanceOf(UnsupportedBlockException.class)
        .hasMessageContaining("'1'")
        .hasMessageContaining("LambdaBlock")
        .hasMessageContaining("no converter");
  }

  @Test
  void aConverterThatSkipsAParameterFailsTheExportNamingIt() {
    Block model =
        new IndexedSequential().addAll(TorchLayers.conv2d(4, 3, 1, 1, 1, false), Lambda.relu());
    // a wrong converter: passes the input through and never writes the convolution's weight
    OnnxExporter skipping = OnnxExporter.standard().register(Conv2d.class, (ctx, b, path, in) -> in);
    try (NDManager manager = NDManager.newBaseManager()) {
      model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
      assertThatThrownBy(() -> skipping.export(model, INFO))
          .isInstanceOf(UnsupportedBlockException.class)
          .hasMessageContaining("does not use parameters [0.weight]");
    }
  }
}
