package org.fer4j.models.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.fer4j.engine.Engines;
import org.fer4j.models.Complexity;
import org.fer4j.models.StagedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The five torchvision backbones: sizes, costs, shapes at odd inputs and the staged forward. */
class BackboneTest {

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  /** name, builder, torchvision parameter count, torchvision GMACs at 224 (its "GFLOPS"). */
  static Stream<Arguments> torchvisionFigures() {
    return Stream.of(
        Arguments.of("resnet18", resnet(18, 1000), 11_689_512L, 1.814),
        Arguments.of("resnet34", resnet(34, 1000), 21_797_672L, 3.664),
        Arguments.of("resnet50", resnet(50, 1000), 25_557_032L, 4.089),
        Arguments.of("convnext_tiny", convnext("tiny", 1000), 28_589_128L, 4.456),
        Arguments.of("convnext_base", convnext("base", 1000), 88_591_464L, 15.355));
  }

  static Supplier<Block> resnet(int depth, int classes) {
    return () -> ResNet.builder().setDepth(depth).optNumClasses(classes).build();
  }

  static Supplier<Block> convnext(String variant, int classes) {
    return () -> ConvNeXt.builder().setVariant(variant).optNumClasses(classes).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("torchvisionFigures")
  void parameterAndMacCountsMatchTorchvision(
      String name, Supplier<Block> factory, long params, double gmacs) {
    Block block = factory.get();
    Shape input = new Shape(1, 3, 224, 224);
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, input);
      Complexity c = Complexity.of(block, input);
      assertThat(c.parameters()).isEqualTo(params);
      assertThat(c.gmacs()).isCloseTo(gmacs, within(gmacs * 0.01));
    }
  }

  static Stream<Arguments> smallModels() {
    return Stream.of(
        Arguments.of("resnet18", resnet(18, 7), 64),
        Arguments.of("resnet50", resnet(50, 7), 256),
        Arguments.of("convnext_tiny", convnext("tiny", 7), 96));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smallModels")
  void stageShapesFollowTheStridesAtSquareAndNonSquareInputs(
      String name, Supplier<Block> factory, int firstStageChannels) {
    boolean convnext = name.startsWith("convnext");
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = factory.get();
      block.initialize(m, DataType.FLOAT32, new Shape(2, 3, 112, 96));
      ParameterStore ps = new ParameterStore(m, false);
      for (long[] hw : new long[][] {{112, 112}, {112, 96}}) {
        NDArray x = m.randomNormal(new Shape(2, 3, hw[0], hw[1]));
        NDList stages = ((StagedModel) block).forwardFeatures(ps, x, false);
        assertThat(stages).hasSize(5);
        // Stem and stage 1 at stride 4, stage 4 at stride 32: ResNet's padded stride-2 3x3
        // convolutions round up (7 -> 4), ConvNeXt's 2x2 stride-2 patches round down (7 -> 3).
        assertThat(stages.get(0).getShape().get(2)).isEqualTo(hw[0] / 4);
        assertThat(stages.get(1).getShape())
            .isEqualTo(new Shape(2, firstStageChannels, hw[0] / 4, hw[1] / 4));
        long lastH = convnext ? hw[0] / 32 : (hw[0] + 31) / 32;
        long lastW = convnext ? hw[1] / 32 : (hw[1] + 31) / 32;
        assertThat(stages.get(4).getShape())
            .isEqualTo(new Shape(2, firstStageChannels * 8L, lastH, lastW));
        NDArray logits = block.forward(ps, new NDList(x), false).head();
        assertThat(logits.getShape()).isEqualTo(new Shape(2, 7));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smallModels")
  void stagesThenHeadAndForwardFromEveryStageEqualForward(
      String name, Supplier<Block> factory, int unused) {
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = factory.get();
      Shape input = new Shape(2, 3, 64, 80);
      block.initialize(m, DataType.FLOAT32, input);
      ParameterStore ps = new ParameterStore(m, false);
      StagedModel staged = (StagedModel) block;
      NDArray x = m.randomNormal(input);
      NDArray expected = block.forward(ps, new NDList(x), false).head();
      NDList stages = staged.forwardFeatures(ps, x, false);
      NDArray viaHead = staged.forwardHead(ps, stages.get(stages.size() - 1), false).head();
      assertThat(viaHead.toFloatArray()).containsExactly(expected.toFloatArray());
      for (int s = 0; s < stages.size(); s++) {
        NDArray from = staged.forwardFrom(ps, s, stages.get(s), false).head();
        assertThat(from.toFloatArray())
            .as("forwardFrom stage %d", s)
            .containsExactly(expected.toFloatArray());
      }
      assertThat(staged.stageIndex(staged.camLayer())).isEqualTo(4);
    }
  }
}
