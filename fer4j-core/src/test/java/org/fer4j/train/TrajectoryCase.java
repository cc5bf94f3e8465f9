package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ParameterNames;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.WeightLoader;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;

/**
 * One case of {@code tools/reference/trajectory.py} replayed through fer4j's own training code:
 * the case's recipe goes through {@link TrainConfigs}, {@link TrainParts} (loss and optimiser),
 * {@link LearningRateSchedule}, {@link ModelEma} and {@link TrainingLoop}, on the harness's
 * batches in the harness's order, from its initial weights. What fer4j computed is then set
 * against what PyTorch wrote ({@link TrajectoryComparison}).
 */
final class TrajectoryCase {
  /** Optimiser steps per epoch in the harness ({@code STEPS} in trajectory.py). */
  static final int STEPS_PER_EPOCH = 5;

  final String name;
  final TrainConfig config;
  final Path dir;

  /** What fer4j did: per-step loss and learning rate, and every final tensor by PyTorch name. */
  record Run(List<Double> loss, List<Double> lr, Map<String, double[]> finalState) {}

  /** Replaces a part of the real wiring, to plant a bug the comparison must catch. */
  record Overrides(
      Function<NDManager, FerOptimizer> optimizer, LearningRateSchedule schedule) {
    static final Overrides NONE = new Overrides(null, null);
  }

  TrajectoryCase(Path dir) throws IOException {
    this.dir = dir;
    this.name = dir.getFileName().toString();
    this.config = TrainConfigs.parse(Files.readString(dir.resolve("recipe.json")), name + "/recipe.json");
  }

  /** PyTorch's per-step losses and learning rates. */
  JsonNode reference() throws IOException {
    return new ObjectMapper().readTree(dir.resolve("trajectory.json").toFile());
  }

  Run run(Overrides overrides) throws IOException {
    try (NDManager manager = NDManager.newBaseManager();
        Safetensors batches = Safetensors.open(dir.resolve("batches.safetensors"))) {
      Shape input = new Shape(batches.info("x0").shape());
      // float64 when the harness ran in float64: float32 noise, amplified over 20 steps of
      // BatchNorm in train mode and Adam's normalisation, would hide real differences
      DataType dtype = reference().get("dtype").asText().endsWith("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
      Block block = ModelRegistry.get(config.model())
          .build(new ModelOptions(config.numClasses(), config.modelOptions()));
      block.initialize(manager, dtype, input);
      WeightLoader.load(block, dir.resolve("init.safetensors"), NameMaps.torchvision(), true);
      Map<String, Parameter> all = ParameterNames.torchNames(block);
      List<String> otherType = all.entrySet().stream()
          .filter(e -> e.getValue().getArray().getDataType() != dtype).map(Map.Entry::getKey).toList();
      if (!otherType.isEmpty()) {
        throw new IllegalStateException(name + ": parameters not in " + dtype + ": " + otherType);
      }
      Map<String, Parameter> trainable = TrainParts.trainable(all);
      FerOptimizer optimizer = overrides.optimizer() != null
          ? overrides.optimizer().apply(manager) : TrainParts.optimizer(config, manager);
      Shape[] outs = block.getOutputShapes(new Shape[] {input});
      TrainLoss loss = TrainParts.loss(config, manager, (int) outs[outs.length - 1].tail(), 4);
      ModelEma ema = config.emaDecay() > 0 ? new ModelEma(all, config.emaDecay(), manager) : null;
      List<Double> losses = new ArrayList<>();
      List<Double> lrs = new ArrayList<>();
      TrainingLoop.builder()
          .setBlock(block, trainable)
          .setOptimizer(optimizer)
          .setLoss(loss)
          .setSchedule(overrides.schedule() != null ? overrides.schedule()
              : LearningRateSchedule.of(config.schedule(), config.optimizer().lr(), config.epochs()),
              config.epochs())
          .setSource(new Replay(batches, config.epochs()))
          .setManager(manager)
          .optGradClip(config.gradClip())
          .optSeed(config.seed())
          .optEma(ema)
          .optInputAdapter(x -> x.toType(dtype, false))
          .addListener(new TrainingLoop.Listener() {
            @Override
            public void onStep(int epoch, long seen, double value, double lr) {
              losses.add(value);
              lrs.add(lr);
            }
          })
          .build()
          .run(0);
      return new Run(losses, lrs, finalState(all, optimizer, ema, loss));
    }
  }

  private static Map<String, double[]> finalState(
      Map<String, Parameter> all, FerOptimizer optimizer, ModelEma ema, TrainLoss loss) {
    Map<String, double[]> out = new LinkedHashMap<>();
    all.forEach((k, p) -> out.put(k, doubles(p.getArray())));
    optimizer.stateArrays().forEach((k, v) -> out.put(k, doubles(v)));
    if (ema != null) {
      ema.shadow().forEach((k, v) -> out.put("ema/" + k, doubles(v)));
    }
    loss.state().forEach((k, v) -> out.put(k, doubles(v)));
    return out;
  }

  /** Writes fer4j's side next to the harness's files: fer4j.safetensors and fer4j-loss.txt. */
  static void dump(TrajectoryCase c, Run run) throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      run.finalState().forEach((k, v) -> arrays.put(k, m.create(v)));
      Safetensors.write(c.dir.resolve("fer4j.safetensors"), arrays, Map.of(),
          org.fer4j.weights.StDtype.F32);
    }
    Files.writeString(c.dir.resolve("fer4j-loss.txt"), run.loss().toString());
  }

  /** An array's values as doubles, whatever its floating type. */
  static double[] doubles(NDArray a) {
    if (a.getDataType() == DataType.FLOAT64) {
      return a.toDoubleArray();
    }
    float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** The harness's batches, {@link #STEPS_PER_EPOCH} per epoch, in its order. */
  private record Replay(Safetensors batches, int epochs) implements EpochSource {
    @Override
    public Iterator<HostBatch> epoch(int epoch) {
      List<HostBatch> list = new ArrayList<>();
      for (int s = 0; s < STEPS_PER_EPOCH; s++) {
        int i = epoch * STEPS_PER_EPOCH + s;
        long[] y = batches.longs("y" + i);
        int[] labels = new int[y.length];
        for (int j = 0; j < y.length; j++) {
          labels[j] = (int) y[j];
        }
        String t = "t" + i;
        boolean attributes = batches.names().contains(t);
        float[] targets = attributes ? batches.floats(t) : null;
        int width = attributes ? (int) batches.info(t).shape()[1] : 0;
        list.add(new HostBatch(batches.floats("x" + i), new Shape(batches.info("x" + i).shape()),
            labels, targets, width));
      }
      return list.iterator();
    }

    @Override
    public long samples() {
      return 0;
    }
  }
}
