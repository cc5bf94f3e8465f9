package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.engine.Engines;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.train.optim.Sgd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
  private static final int N = 64;
  private static final float[][] X = new float[N][4];
  private static final int[] Y = new int[N];

  static {
    Random r = new Random(3);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < 4; j++) {
        X[i][j] = (float) r.nextGaussian();
      }
      Y[i] = X[i][0] > X[i][1] ? (X[i][0] > X[i][2] ? 0 : 2) : (X[i][1] > X[i][2] ? 1 : 2);
    }
  }

  /** Shuffled by (seed, epoch) only, batch 16. */
  static final class Toy implements EpochSource {
    @Override
    public Iterator<HostBatch> epoch(int epoch) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, new Random(100 + epoch));
      List<HostBatch> batches = new ArrayList<>();
      for (int b = 0; b < N; b += 16) {
        float[] px = new float[16 * 4];
        int[] lab = new int[16];
        for (int i = 0; i < 16; i++) {
          System.arraycopy(X[order.get(b + i)], 0, px, i * 4, 4);
          lab[i] = Y[order.get(b + i)];
        }
        batches.add(new HostBatch(px, new Shape(16, 4), lab, null, 0));
      }
      return batches.iterator();
    }

    @Override
    public long samples() {
      return N;
    }
  }

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static Map<String, Parameter> named(Block b) {
    Map<String, Parameter> m = new LinkedHashMap<>();
    b.getParameters().forEach(p -> m.put(p.getKey(), p.getValue()));
    return m;
  }

  private static Block model(NDManager m) {
    Block b = Linear.builder().setUnits(3).build();
    Engines.seed(11);
    b.initialize(m, DataType.FLOAT32, new Shape(1, 4));
    return b;
  }

  private static final TrainLoss CE =
      (out, labels, targets) -> Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(out.get(0)));

  private static TrainingLoop loop(NDManager m, Block b, FerOptimizer opt, int epochs, TrainLoss loss) {
    return TrainingLoop.builder()
        .setBlock(b, named(b))
        .setOptimizer(opt)
        .setLoss(loss)
        .setSchedule(e -> 0.5, epochs)
        .setSource(new Toy())
        .setManager(m)
        .optSeed(5)
        .build();
  }

  @Test
  void lossFallsAndAResumedRunMatchesAnUninterruptedOne() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Block a = model(m);
      List<EpochSummary> full = loop(m, a, new Sgd(m, n -> 1, 0.9, 0, false), 3, CE).run(0);
      assertThat(full.get(2).trainLoss()).isLessThan(full.get(0).trainLoss() * 0.7);

      Block b = model(m);
      Sgd first = new Sgd(m, n -> 1, 0.9, 0, false);
      List<EpochSummary> one = loop(m, b, first, 1, CE).run(0);
      Map<String, float[]> weights = new LinkedHashMap<>();
      named(b).forEach((k, p) -> weights.put(k, p.getArray().toFloatArray()));
      Map<String, float[]> optState = first.exportState();

      Block c = model(m);
      named(c).forEach((k, p) -> p.getArray().set(weights.get(k)));
      Sgd resumed = new Sgd(m, n -> 1, 0.9, 0, false);
      resumed.loadState(optState, first.steps(), named(c));
      List<EpochSummary> rest = loop(m, c, resumed, 3, CE).run(1);
      assertThat(one.get(0).trainLoss()).isEqualTo(full.get(0).trainLoss());
      assertThat(rest).extracting(EpochSummary::epoch).containsExactly(2, 3);
      assertThat(rest.get(0).trainLoss()).isEqualTo(full.get(1).trainLoss());
      assertThat(rest.get(1).trainLoss()).isEqualTo(full.get(2).trainLoss());
    }
  }

  /** PyTorch records gradients by default on new threads; training there must still work. */
  @Test
  void trainsOnAThreadOtherThanTheEngines() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Object> result = new java.util.concurrent.atomic.AtomicReference<>();
    Thread t = new Thread(() -> {
      try (NDManager m = NDManager.newBaseManager()) {
        Block b = model(m);
        result.set(loop(m, b, new Sgd(m, n -> 1, 0.9, 0, false), 2, CE).run(0));
      } catch (Throwable e) {
        result.set(e);
      }
    });
    t.start();
    t.join();
    assertThat(result.get()).isInstanceOf(List.class);
    List<?> epochs = (List<?>) result.get();
    assertThat(((EpochSummary) epochs.get(1)).trainLoss()).isLessThan(((EpochSummary) epochs.get(0)).trainLoss());
  }

  @Test
  void divergenceStopsWithAClearMessage() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = model(m);
      TrainLoss nan = (out, labels, targets) -> out.get(0).sum().mul(Float.NaN);
      assertThatThrownBy(() -> loop(m, b, new Sgd(m, n -> 1, 0, 0, false), 2, nan).run(0))
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("NaN in epoch 1")
          .hasMessageContaining("last good checkpoint");
    }
  }

  @Test
  void listenersSeeEveryBatchAndEpoch() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = model(m);
      List<Long> seen = new ArrayList<>();
      List<Integer> epochs = new ArrayList<>();
      TrainingLoop l =
          TrainingLoop.builder()
              .setBlock(b, named(b))
              .setOptimizer(new Sgd(m, n -> 1, 0, 0, false))
              .setLoss(CE)
              .setSchedule(e -> 0.1, 2)
              .setSource(new Toy())
              .setManager(m)
              .optValidator((blk, ps, mgr) -> Map.of("war", 0.5))
              .addListener(new TrainingLoop.Listener() {
                @Override
                public void onBatch(int epoch, long s, double loss) {
                  seen.add(s);
                }

                @Override
                public void onEpochEnd(EpochSummary s) {
                  epochs.add(s.epoch());
                  assertThat(s.row()).containsEntry("val_war", 0.5).containsKey("train_loss");
                }
              })
              .build();
      l.run(0);
      assertThat(seen).containsExactly(16L, 32L, 48L, 64L, 16L, 32L, 48L, 64L);
      assertThat(epochs).containsExactly(1, 2);
    }
  }
}
