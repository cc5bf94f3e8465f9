package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.Map;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.RunState;

/**
 * After every epoch: a metrics.csv line, a fresh curves.png, and a committed checkpoint, with
 * best.safetensors replaced when the selection metric improved. Without a validation split the
 * last epoch is the best (the report says so).
 */
final class RunListener implements TrainingLoop.Listener {
  private final RunWriter run;
  private final Block block;
  private final FerOptimizer optimizer;
  private final TrainConfig config;
  private final MetricsCsv csv;
  private final ModelEma ema;
  private final TrainLoss loss;
  private RunState state;

  /**
   * @param ema the weight average (swapped into the block during onEpochEnd), or null
   * @param loss the loss, whose state (FAER's centres) goes beside the optimiser state
   */
  RunListener(RunWriter run, Block block, FerOptimizer optimizer, ModelEma ema, TrainLoss loss, TrainConfig config,
      RunState state) {
    this.ema = ema;
    this.loss = loss;
    this.run = run;
    this.block = block;
    this.optimizer = optimizer;
    this.config = config;
    this.csv = new MetricsCsv(run.metricsCsv());
    this.state = state;
  }

  @Override
  public void onEpochEnd(EpochSummary s) throws IOException {
    csv.append(s.row());
    CurvesPlot.write(run.curvesPng(), csv.read());
    String metric = config.selectMetric();
    double value = s.validation().getOrDefault(metric, Double.NaN);
    boolean improved =
        Double.isNaN(value) || state == null || Double.isNaN(state.bestValue()) || value > state.bestValue();
    // With EMA the block holds the average now: it becomes the epoch (and best) weights, and the
    // training weights go beside the optimiser state for an exact resume.
    Map<String, NDArray> extra = new java.util.LinkedHashMap<>(loss.state());
    if (ema != null) {
      extra.putAll(ema.trainingWeights());
    }
    state = run.saveEpoch(block, optimizer, extra, s.epoch(), state,
        metric, value, improved,
        Map.of("model", config.model(), "run", config.name()));
  }
}
