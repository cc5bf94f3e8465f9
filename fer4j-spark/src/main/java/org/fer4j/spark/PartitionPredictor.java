package org.fer4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.fer4j.data.LabelSpace;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;

/**
 * Runs one partition of image paths: one {@link ExpressionPredictor} per partition over the
 * executor's shared networks and trained run ({@link ExecutorModels}), fed {@code batch} paths at a time while
 * Spark pulls rows, and closed when the partition ends (also when the task fails). A file that
 * cannot be read is an error row; the partition goes on.
 */
final class PartitionPredictor implements MapPartitionsFunction<String, Row> {
  private static final long serialVersionUID = 1L;
  private final PredictSettings settings;

  PartitionPredictor(PredictSettings settings) {
    this.settings = settings;
  }

  @Override
  public Iterator<Row> call(Iterator<String> paths) {
    if (!paths.hasNext()) {
      return Collections.emptyIterator();
    }
    ExpressionPredictor predictor = settings.builder().build();
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> predictor.close());
    }
    return new Rows(paths, predictor, settings.batch());
  }

  // Pulls the next batch of paths only when the rows of the previous one are consumed.
  private static final class Rows implements Iterator<Row> {
    private final Iterator<String> paths;
    private final ExpressionPredictor predictor;
    private final int batch;
    private final LabelSpace labels;
    private Iterator<Row> current = Collections.emptyIterator();
    private boolean closed;

    Rows(Iterator<String> paths, ExpressionPredictor predictor, int batch) {
      this.paths = paths;
      this.predictor = predictor;
      this.batch = batch;
      this.labels = predictor.labels();
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && paths.hasNext()) {
        List<Path> chunk = new ArrayList<>();
        while (chunk.size() < batch && paths.hasNext()) {
          chunk.add(Path.of(paths.next()));
        }
        List<Row> rows = new ArrayList<>();
        for (ImageResult r : predictSafely(chunk)) {
          rows.addAll(ImageRows.rows(r, labels));
        }
        current = rows.iterator();
      }
      if (!current.hasNext() && !closed) {
        closed = true;
        predictor.close();
      }
      return current.hasNext();
    }

    // Unreadable files are already failed records; an engine error on a batch (an odd image the
    // networks reject) is retried file by file so only the culprit becomes an error row.
    private List<ImageResult> predictSafely(List<Path> chunk) {
      try {
        return predictor.predictFiles(chunk);
      } catch (RuntimeException batchError) {
        List<ImageResult> out = new ArrayList<>();
        for (Path p : chunk) {
          try {
            out.addAll(predictor.predictFiles(List.of(p)));
          } catch (RuntimeException e) {
            out.add(ImageResult.failed(p.toString(), "prediction failed: " + e.getMessage()));
          }
        }
        return out;
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
