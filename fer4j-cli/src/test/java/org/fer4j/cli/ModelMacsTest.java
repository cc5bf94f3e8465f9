package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelMacsTest {
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  /** A composite with weights that neither counts its own MACs nor is a chain MacCounter knows. */
  private static class Wrapper extends AbstractBlock {
    final Block inner = addChildBlock("inner", Linear.builder().setUnits(2).build());

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
      return inner.forward(ps, in, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
      return inner.getOutputShapes(in);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... in) {
      inner.initialize(manager, type, in);
    }
  }

  /** A block whose initialisation fails: a real error, not a missing count. */
  private static final class Broken extends Wrapper {
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... in) {
      throw new IllegalStateException("broken initialisation");
    }
  }

  @Test
  void aRegisteredModelIsCounted() {
    assertThat(ModelMacs.perImage("resnet18", 7, 32, 32, 1, err)).isPositive();
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void onlyAnUncountableBlockGivesMinusOneAndSaysSo() {
    assertThat(ModelMacs.perSample(new Wrapper(), new Shape(1, 4), "wrapper", err)).isEqualTo(-1);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("no GFLOPS for wrapper").contains("cannot count MACs");
  }

  @Test
  void anyOtherErrorSurfaces() {
    assertThatThrownBy(() -> ModelMacs.perSample(new Broken(), new Shape(1, 4), "broken", err))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("broken initialisation");
  }
}
