package org.fer4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.DatasetIndex;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.data.datasets.ReaderOptions;
import org.fer4j.data.loader.BatchLoader;
import org.fer4j.data.loader.FrameSampler;
import org.fer4j.data.transforms.Pipeline;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.run.TrainConfig;

/**
 * How a run reads and feeds its data, shared by training and by evaluation of a finished run, so
 * that {@code fer eval} sees exactly the splits, folds and preprocessing the run was trained with.
 */
public final class RunData {
  private RunData() {}

  /** The run's data set: its format and reader options, seeded like the run (CK+ folds). */
  public static DatasetIndex read(TrainConfig c, Path root) {
    return read(c.data().format(), root, c.data().options(), c.seed());
  }

  /** Any data set with the given reader settings; the seed fixes randomised splits. */
  public static DatasetIndex read(String format, Path root, Map<String, String> settings, long seed) {
    ReaderOptions.Builder ro = ReaderOptions.builder().optSeed(seed);
    settings.forEach(ro::optSetting);
    return DatasetReaders.read(format, root, ro.build());
  }

  /**
   * (train, validation): the data set's own {@code val} split when {@code valFraction} is 0 and it
   * has one, none when 0 and it has none, otherwise a stratified seeded hold-out of the training
   * split. The test split is never used for selection.
   */
  public static List<List<Sample>> trainVal(DatasetIndex index, TrainConfig c) {
    List<Sample> train = index.split("train");
    if (c.data().valFraction() == 0 && index.splitNames().contains("val")) {
      return List.of(train, index.split("val"));
    }
    return c.data().valFraction() == 0 ? List.of(train, List.of()) : Holdout.split(train, c.data().valFraction(), c.seed());
  }

  /**
   * A loader with the run's preprocessing: the recipe's training augmentation ({@code augment}, one
   * draw per clip for clip models), random frame segments and
   * (when the config asks) class-balanced draws; or, for evaluation, none of that and segment
   * centres, in data set order.
   */
  public static BatchLoader loader(TrainConfig c, PreprocessConfig p, List<Sample> samples, boolean training) {
    return BatchLoader.builder()
        .setSamples(samples)
        .setPipeline(training ? Pipeline.train(c.augment(), p) : Pipeline.eval(p))
        .setSize(p.height(), p.width())
        .optChannels(p.channels())
        .optFrames(p.frames())
        .optFrameSampler(training ? FrameSampler.segments() : FrameSampler.centred())
        .optBatchSize(c.batchSize())
        .optShuffle(training)
        .optClassBalanced(training && c.balancedSampling())
        .optDropLast(training && samples.size() > c.batchSize())
        .optSeed(c.seed())
        .optWorkers(Math.max(1, c.workers()))
        .build();
  }
}
