package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fer4j.engine.Engines;
import org.fer4j.models.backbones.ConvNeXt;
import org.fer4j.models.backbones.ResNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The naming contract weight import relies on: every parameter's PyTorch-style path equals
 * torchvision's {@code state_dict()} key with the same shape. Expected lists are fixtures written
 * by {@code tools/parity/torchvision_keys.py} from torchvision's own model definitions.
 */
class ParameterNamesTest {

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("resnet18", (Supplier<Block>) () -> ResNet.builder().setDepth(18).build()),
        Arguments.of("resnet34", (Supplier<Block>) () -> ResNet.builder().setDepth(34).build()),
        Arguments.of("resnet50", (Supplier<Block>) () -> ResNet.builder().setDepth(50).build()),
        Arguments.of(
            "convnext_tiny", (Supplier<Block>) () -> ConvNeXt.builder().setVariant("tiny").build()),
        Arguments.of(
            "convnext_base",
            (Supplier<Block>) () -> ConvNeXt.builder().setVariant("base").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void namesAndShapesEqualTorchvisionStateDict(String name, Supplier<Block> factory)
      throws IOException {
    Map<String, String> expected = torchvisionKeys(name);
    Block block = factory.get();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      Map<String, String> actual = new TreeMap<>();
      for (Map.Entry<String, Parameter> e : ParameterNames.torchNames(block).entrySet()) {
        actual.put(e.getKey(), shapeText(e.getValue().getShape()));
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void mapsDjlParameterNamesToPyTorchOnes() {
    assertThat(ParameterNames.torchParameterName("gamma")).isEqualTo("weight");
    assertThat(ParameterNames.torchParameterName("beta")).isEqualTo("bias");
    assertThat(ParameterNames.torchParameterName("runningMean")).isEqualTo("running_mean");
    assertThat(ParameterNames.torchParameterName("runningVar")).isEqualTo("running_var");
    assertThat(ParameterNames.torchParameterName("layer_scale")).isEqualTo("layer_scale");
  }

  @Test
  void keepsDjlOrderWithDirectParametersFirst() {
    Block block = ConvNeXt.builder().setVariant("tiny").optNumClasses(3).build();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      String[] keys = ParameterNames.torchNames(block).keySet().toArray(new String[0]);
      assertThat(keys[0]).isEqualTo("features.0.0.weight");
      assertThat(keys[4]).isEqualTo("features.1.0.layer_scale");
      assertThat(keys[keys.length - 1]).isEqualTo("classifier.2.bias");
    }
  }

  /** Key to "AxBxC" shape text; PyTorch's num_batches_tracked counters have no DJL counterpart. */
  static Map<String, String> torchvisionKeys(String model) throws IOException {
    String resource = "torchvision-keys/" + model + ".txt";
    try (InputStream in = ParameterNamesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("fixture %s", resource).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader
          .lines()
          .map(line -> line.split(" "))
          .filter(parts -> !parts[0].endsWith(".num_batches_tracked"))
          .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> a, TreeMap::new));
    }
  }

  static String shapeText(Shape shape) {
    return java.util.Arrays.stream(shape.getShape())
        .mapToObj(Long::toString)
        .collect(Collectors.joining("x"));
  }
}
