package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.IntStream;
import org.fer4j.bench.ProcessMemory;
import org.fer4j.engine.Engines;
import org.fer4j.losses.CrossEntropy;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ParameterNames;
import org.fer4j.train.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * 300 training steps of ResNet-18 (with gradient-norm computation and the optimiser, as every
 * run does) keep the resident set flat. Bound: 64 MiB of growth after a 50-step warm-up. One
 * leaked gradient of ResNet-18 is 45 MiB, so a per-step leak of any gradient-sized temporary
 * fails at once; a leak of 220 KiB per step (one 32x32 feature map of the batch) fails too,
 * while allocator and JIT noise (a few MiB) passes.
 */
class TrainingMemoryTest {

  /** The same random batch every step, as many epochs as asked. */
  static EpochSource source(int steps) {
    Random r = new Random(1);
    float[] px = new float[8 * 3 * 32 * 32];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextGaussian();
    }
    int[] labels = IntStream.range(0, 8).map(i -> i % 7).toArray();
    return new EpochSource() {
      @Override
      public Iterator<HostBatch> epoch(int epoch) {
        return IntStream.range(0, steps)
            .mapToObj(i -> new HostBatch(px, new Shape(8, 3, 32, 32), labels, null, 0))
            .iterator();
      }

      @Override
      public long samples() {
        return steps * 8L;
      }
    };
  }

  private static void train(NDManager m, Block b, Sgd opt, int steps) throws Exception {
    TrainingLoop.builder()
        .setBlock(b, TrainParts.trainable(ParameterNames.torchNames(b)))
        .setOptimizer(opt)
        .setLoss((out, y, t) -> CrossEntropy.mean(out.get(0), y))
        .setSchedule(e -> 0.01, 1)
        .setSource(source(steps))
        .setManager(m)
        .optGradClip(5.0)
        .build()
        .run(0);
  }

  @Test
  void residentSetStaysFlatOver300Steps() throws Exception {
    Engines.init();
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = ModelRegistry.get("resnet18").build(ModelOptions.of(7));
      b.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      Sgd opt = new Sgd(m, n -> 1, 0.9, 1e-4, false);
      train(m, b, opt, 50);
      System.gc();
      long before = ProcessMemory.currentRssBytes();
      train(m, b, opt, 300);
      System.gc();
      long growth = ProcessMemory.currentRssBytes() - before;
      assertThat(growth).as("RSS growth over 300 steps, bytes").isLessThan(64L << 20);
      assertThat(opt.steps()).isEqualTo(350);
    }
  }
}
