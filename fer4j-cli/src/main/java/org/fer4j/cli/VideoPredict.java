package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.PredictionFormats;
import org.fer4j.predict.video.ClipClassifier;
import org.fer4j.predict.video.FrameAnalyzer;
import org.fer4j.predict.video.FrameResult;
import org.fer4j.predict.video.Timeline;
import org.fer4j.predict.video.VideoAnalyzer;
import org.fer4j.predict.video.VideoAnnotator;
import org.fer4j.predict.video.VideoFormats;
import org.fer4j.predict.video.VideoReader;

/**
 * {@code fer predict video.mp4}: the video branch of {@link PredictCommand}. Each analysed frame
 * is a JSON line (or CSV rows per face) with track ids; {@code --annotate} is then an output video
 * and {@code --timeline} a PNG of each track's probabilities over time. A progress bar on stderr
 * shows frames/s.
 */
final class VideoPredict {
  static final List<String> EXTENSIONS =
      List.of(".mp4", ".m4v", ".mov", ".mkv", ".avi", ".webm", ".mpg", ".mpeg", ".wmv", ".flv", ".ts");

  private VideoPredict() {}

  static boolean isVideo(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  /** Outputs of a video run; null fields are off. */
  record Outputs(String format, PrintStream out, Path annotate, Path timeline, double sampleFps, String classifier) {}

  /**
   * Analyses the videos in order; a video that cannot be opened is reported and the rest go on.
   *
   * @param clips a clip model run on each track's sliding window, or null
   * @return the number of videos that could not be read
   */
  static int run(ExpressionPredictor predictor, ClipClassifier clips, List<Path> videos, Outputs o, int batch)
      throws IOException {
    if ((o.annotate() != null || o.timeline() != null) && videos.size() > 1) {
      throw FerException.badInput("--annotate and --timeline take one video; got " + videos.size()
          + " (run predict once per video)");
    }
    VideoAnalyzer analyzer = VideoAnalyzer.builder().setAnalyzer(FrameAnalyzer.of(predictor))
        .optSampleFps(o.sampleFps()).optBatchSize(batch).optClipClassifier(clips)
        // a new window prediction every half window (8 of 16 frames), as long as windows overlap
        .optClipStride(clips == null ? 8 : Math.max(1, clips.frames() / 2)).build();
    LabelSpace labels = predictor.labels();
    LabelSpace clipLabels = clips == null ? null : clips.labels();
    if (o.format().equals("csv")) {
      o.out().println(PredictionFormats.withClassifier(VideoFormats.csvHeader(labels, clipLabels),
          PredictionFormats.CLASSIFIER_COLUMN));
    }
    int failed = 0;
    for (Path video : videos) {
      try {
        one(analyzer, video, o, labels, clipLabels);
      } catch (FerException e) {
        failed++;
        System.err.println("predict: " + e.getMessage());
      }
    }
    return failed;
  }

  private static void one(VideoAnalyzer analyzer, Path video, Outputs o, LabelSpace labels, LabelSpace clipLabels)
      throws IOException {
    double fps;
    long stated;
    try (VideoReader probe = new VideoReader(video, 0)) {
      fps = probe.frameRate();
      stated = probe.statedFrames();
    }
    long expected = o.sampleFps() > 0 && fps > 0 ? (long) Math.ceil(stated * o.sampleFps() / fps) : stated;
    Timeline timeline = o.timeline() == null ? null : new Timeline(labels, 4000);
    VideoAnalyzer.Summary summary;
    try (VideoAnnotator annotator = o.annotate() == null ? null
            : new VideoAnnotator(o.annotate(), o.sampleFps() > 0 ? Math.min(fps, o.sampleFps()) : fps);
        ProgressBar bar = new ProgressBarBuilder().setTaskName(video.getFileName().toString())
            .setInitialMax(expected > 0 ? expected : -1).setUnit(" frames", 1).showSpeed()
            .setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build()) {
      summary = analyzer.analyze(video, (FrameResult r, java.awt.image.BufferedImage img) -> {
        if (o.format().equals("csv")) {
          VideoFormats.csvRows(r, labels, clipLabels)
              .forEach(row -> o.out().println(PredictionFormats.withClassifier(row, o.classifier())));
        } else {
          o.out().println(VideoFormats.jsonLine(r, o.classifier()));
        }
        if (annotator != null) {
          annotator.write(r, img);
        }
        if (timeline != null) {
          timeline.add(r);
        }
        bar.step();
      });
    }
    if (timeline != null && timeline.writePng(o.timeline(), 1000, 220) == 0) {
      System.err.println("predict: no face was tracked in " + video + "; no timeline written");
    }
    System.err.printf(Locale.ROOT, "predict: %s: %d frames analysed, %d without faces, %d failed, %d tracks%n",
        video, summary.frames(), summary.framesWithoutFaces(), summary.failedFrames(), summary.tracks());
  }
}
