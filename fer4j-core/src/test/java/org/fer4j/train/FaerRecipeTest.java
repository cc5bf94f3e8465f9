package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.backbones.ConvNeXtBlock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;

/** The FAER recipes train as the public FAER code does: drop path 0.25, AdamW's default decay. */
class FaerRecipeTest {
  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static TrainConfig recipe(String name, String... overrides) {
    return TrainConfigs.load(Path.of("..", "recipes", name + ".json"), List.of(overrides));
  }

  @ParameterizedTest
  @ValueSource(strings = {"faer-rafdb", "faer-affectnet7", "faer-celeba"})
  void dropPathReachesTheLastConvNeXtBlock(String name) {
    TrainConfig c = recipe(name);
    Block model = ModelRegistry.get(c.model()).build(new ModelOptions(c.numClasses(), c.modelOptions()));
    List<Float> drop = new ArrayList<>();
    collect(model, drop);
    // ConvNeXt-B has 3 + 3 + 27 + 3 blocks; the rate rises linearly from the first to the last.
    assertThat(drop).hasSize(36);
    assertThat(drop.get(0)).isZero();
    assertThat(drop.get(35)).isCloseTo(0.25f, within(1e-6f));
    assertThat(drop.get(18)).isCloseTo(0.25f * 18 / 35, within(1e-6f));
    // The public code's AdamW is built without weight_decay: torch's default 0.01.
    assertThat(c.optimizer().type()).isEqualTo("adamw");
    assertThat(c.optimizer().weightDecay()).isEqualTo(0.01);
  }

  private static void collect(Block block, List<Float> out) {
    if (block instanceof ConvNeXtBlock b) {
      out.add(b.stochasticDepthProb());
    }
    for (Block child : block.getChildren().values()) {
      collect(child, out);
    }
  }

  /**
   * Without {@code alpha} the attribute loss is the paper's Eq. 7 with unweighted terms:
   * {@code -(1/N) sum [(1-p)^2 q log p + p^2 (1-q) log(1-p)]}; with alpha each term is weighted.
   */
  @Test
  void attributeLossWithoutAlphaIsTheUnweightedFocalBce() {
    float[] logits = {2f, -1f, 0.5f, 0f};
    float[] targets = {1f, 0f, 0f, 1f};
    double plain = 0;
    double weighted = 0;
    for (int i = 0; i < logits.length; i++) {
      double p = 1 / (1 + Math.exp(-logits[i]));
      double pos = Math.pow(1 - p, 2) * targets[i] * Math.log(p);
      double neg = Math.pow(p, 2) * (1 - targets[i]) * Math.log(1 - p);
      plain += pos + neg;
      weighted += 0.8 * pos + 0.2 * neg;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray z = m.create(logits, new Shape(2, 2));
      NDArray q = m.create(targets, new Shape(2, 2));
      TrainConfig noAlpha = withoutAlpha(recipe("faer-celeba", "numClasses=2"));
      assertThat(noAlpha.loss().weights()).doesNotContainKey("alpha");
      double got = value(TrainParts.loss(noAlpha, m, 4, 0).compute(new NDList(z), null, q));
      assertThat(got).isCloseTo(-plain / 2, within(1e-6));
      TrainConfig alpha = recipe("faer-celeba", "loss.weights.alpha=0.8", "numClasses=2");
      double gotAlpha = value(TrainParts.loss(alpha, m, 4, 0).compute(new NDList(z), null, q));
      assertThat(gotAlpha).isCloseTo(-weighted / 2, within(1e-6));
    }
  }

  /** The config with {@code loss.weights.alpha} removed, as a recipe that never set it. */
  private static TrainConfig withoutAlpha(TrainConfig c) {
    try {
      ObjectMapper json = new ObjectMapper();
      ObjectNode tree = (ObjectNode) json.readTree(TrainConfigs.toJson(c));
      ((ObjectNode) tree.get("loss").get("weights")).remove("alpha");
      return TrainConfigs.parse(json.writeValueAsString(tree), "faer-celeba without alpha");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double value(NDArray a) {
    return a.toType(DataType.FLOAT64, false).getDouble();
  }
}
