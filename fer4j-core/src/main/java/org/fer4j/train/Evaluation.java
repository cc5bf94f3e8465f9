package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.loader.Batch;
import org.fer4j.data.loader.BatchLoader;
import org.fer4j.eval.AttributeMetrics;
import org.fer4j.eval.ClassificationEvaluator;
import org.fer4j.eval.ClassificationMetrics;
import org.fer4j.eval.EvaluationReport;
import org.fer4j.eval.Scores;

/**
 * One inference pass of a model over a loader: single-label metrics on the first output (the
 * fused prediction for multi-output models), or attribute accuracy for attribute tasks, and the
 * most confident mistakes for the report.
 */
public final class Evaluation {
  private final ClassificationEvaluator classes;
  private final AttributeMetrics attributes;
  private final List<EvaluationReport.Mistake> mistakes = new ArrayList<>();
  private final LabelSpace labels;

  private Evaluation(LabelSpace labels) {
    this.labels = labels;
    this.classes = labels.multiLabel() ? null : new ClassificationEvaluator(labels);
    this.attributes = labels.multiLabel() ? new AttributeMetrics(labels, 0.5) : null;
  }

  /** Runs the model over every batch of {@code loader}'s epoch 0 (no shuffling) in inference mode. */
  public static Evaluation run(Block block, BatchLoader loader, LabelSpace labels, NDManager manager) {
    return run(block, loader, labels, manager, n -> {});
  }

  /**
   * {@link #run(Block, BatchLoader, LabelSpace, NDManager)} that reports the number of samples
   * done after every batch (for a progress bar).
   */
  public static Evaluation run(Block block, BatchLoader loader, LabelSpace labels, NDManager manager,
      java.util.function.LongConsumer samplesDone) {
    Evaluation e = new Evaluation(labels);
    ParameterStore ps = new ParameterStore(manager, false);
    long done = 0;
    for (Batch b : loader.epoch(0)) {
      try (Batch batch = b; NDManager bm = manager.newSubManager()) {
        NDArray x = TrainParts.toModelLayout(batch.pixels(bm));
        NDList out = block.forward(ps, new NDList(x), false);
        e.add(out.get(0), batch);
        done += batch.size();
      }
      samplesDone.accept(done);
    }
    return e;
  }

  private void add(NDArray scores, Batch batch) {
    int k = (int) scores.getShape().get(1);
    float[] all = (labels.multiLabel() ? scores.getNDArrayInternal().sigmoid() : scores.softmax(1)).toFloatArray();
    int[] y = batch.labels();
    float[] targets = batch.targets();
    String[] ids = batch.ids();
    for (int i = 0; i < batch.size(); i++) {
      float[] row = java.util.Arrays.copyOfRange(all, i * k, (i + 1) * k);
      if (attributes != null) {
        attributes.add(row, java.util.Arrays.copyOfRange(targets, i * k, (i + 1) * k));
      } else if (y[i] >= 0) {
        classes.add(row, y[i]);
        int p = Scores.argmax(row);
        if (p != y[i]) {
          mistakes.add(new EvaluationReport.Mistake(ids[i], labels.nameOf(y[i]), labels.nameOf(p), row[p], null));
        }
      }
    }
  }

  /** Single-label metrics, or null for an attribute task. */
  public ClassificationMetrics metrics() {
    return classes == null ? null : classes.result();
  }

  public AttributeMetrics attributes() {
    return attributes;
  }

  /** The {@code n} most confident mistakes, most confident first. */
  public List<EvaluationReport.Mistake> topMistakes(int n) {
    return mistakes.stream()
        .sorted(Comparator.comparingDouble(EvaluationReport.Mistake::confidence).reversed())
        .limit(n).toList();
  }

  /** Metrics by name for metrics.csv and checkpoint selection: war, uar, macro_f1 or mean_attr. */
  public Map<String, Double> summary() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (classes != null) {
      ClassificationMetrics c = classes.result();
      m.put("war", c.war());
      m.put("uar", c.uar());
      m.put("macro_f1", c.macroF1());
    } else {
      m.put("mean_attr", attributes.meanAccuracy());
    }
    return m;
  }
}
