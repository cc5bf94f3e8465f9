package org.fer4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.fer4j.FerException;
import org.fer4j.eval.FoldReportWriter;
import org.fer4j.eval.FoldSummary;
import org.fer4j.run.TrainedModel;

/**
 * Evaluates a cross-validation parent ({@link FoldRuns}): every fold's run on its own fold's test
 * split, each report in {@code out/fold-N/}, and the combined per-fold and mean ± std report in
 * {@code out/}.
 */
public final class FoldEvaluation {
  private FoldEvaluation() {}

  /**
   * @param parent the protocol's folder
   * @param folds folds to evaluate (null or empty: every fold that has a run)
   * @param selection checkpoint of each run
   * @param dataRoot data folder when it moved since training (null: each run's recorded folder)
   * @param out where the reports go
   * @param progress a progress listener per fold
   */
  public static FoldSummary run(Path parent, List<Integer> folds, TrainedModel.Selection selection, Path dataRoot,
      Path out, IntFunction<RunEvaluator.Progress> progress) throws IOException {
    List<Integer> present = FoldRuns.existingFolds(parent);
    List<Integer> wanted = folds == null || folds.isEmpty() ? present : folds;
    List<Integer> missing = new ArrayList<>(wanted);
    missing.removeAll(present);
    if (wanted.isEmpty() || !missing.isEmpty()) {
      throw FerException.notFound(parent + " has no trained run for fold(s) " + (wanted.isEmpty() ? "any" : missing)
          + "; folds with a run: " + present + ". Train or resume them with fer train --resume " + parent);
    }
    List<FoldSummary.Fold> results = new ArrayList<>();
    String title = null;
    for (int k : wanted) {
      Path dir = FoldRuns.foldDir(parent, k);
      try (TrainedModel m = TrainedModel.open(dir, selection)) {
        String fold = m.config().data().options().get("fold");
        if (!Integer.toString(k).equals(fold)) {
          throw FerException.badInput(dir + " was trained with reader setting fold=" + fold + ", not fold " + k);
        }
        RunEvaluator.DataTarget t = RunEvaluator.target(m.config(), null, dataRoot, Map.of(), "test");
        RunEvaluator.Result r = RunEvaluator.run(m, t, FoldRuns.foldDir(out, k), progress.apply(k));
        results.add(new FoldSummary.Fold(k, dir.getFileName().toString(), r.report()));
        title = m.config().model() + " on " + t.format() + ", " + wanted.size() + " folds";
      }
    }
    FoldSummary s = FoldSummary.of(title, results);
    FoldReportWriter.write(s, out);
    return s;
  }
}
