package org.fer4j.predict.video;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.ImageResult;

/**
 * The video pipeline: decode ({@link VideoReader}), analyse each frame ({@link FrameAnalyzer},
 * in batches), track faces ({@link FaceTracker}), and optionally run a {@link ClipClassifier} on
 * each track's sliding window. Results stream to a {@link Sink} frame by frame in display order,
 * so memory does not grow with the length of the video. A frame that cannot be decoded or
 * analysed is a {@link FrameResult} with an error; a frame without faces has an empty face list.
 */
public final class VideoAnalyzer {
  private final FrameAnalyzer analyzer;
  private final FaceTracker.Builder tracker;
  private final ClipClassifier clipClassifier;
  private final int clipStride;
  private final double sampleFps;
  private final int batchSize;

  private VideoAnalyzer(Builder b) {
    analyzer = b.analyzer;
    tracker = b.tracker;
    clipClassifier = b.clipClassifier;
    clipStride = b.clipStride;
    sampleFps = b.sampleFps;
    batchSize = b.batchSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Receives each analysed frame, with its pixels (for annotation), in display order. */
  @FunctionalInterface
  public interface Sink {
    void accept(FrameResult result, BufferedImage frame) throws IOException;
  }

  /**
   * Counts of one run.
   *
   * @param frames analysed frames (after sampling), including failed ones
   * @param failedFrames frames that could not be decoded or analysed
   * @param framesWithoutFaces decoded frames in which no face was found
   * @param tracks track ids given
   */
  public record Summary(long frames, long failedFrames, long framesWithoutFaces, int tracks) {}

  public LabelSpace labels() {
    return analyzer.labels();
  }

  /** Analyses one video; the sink's IOException ends the run as an {@link UncheckedIOException}. */
  public Summary analyze(Path video, Sink sink) {
    Run run = new Run(video.toString(), sink, tracker.build());
    try (VideoReader reader = new VideoReader(video, sampleFps)) {
      List<VideoFrame> batch = new ArrayList<>();
      while (reader.hasNext()) {
        VideoFrame frame = reader.next();
        if (!frame.ok()) {
          run.flush(batch);
          run.emit(new FrameResult(run.source, frame.index(), frame.seconds(), 0, 0, List.of(), frame.error()), null);
          continue;
        }
        batch.add(frame);
        if (batch.size() == batchSize) {
          run.flush(batch);
        }
      }
      run.flush(batch);
    }
    return new Summary(run.frames, run.failed, run.noFace, run.maxTrack);
  }

  // State of one video: tracker, clip windows, counters.
  private final class Run {
    final String source;
    final Sink sink;
    final FaceTracker faceTracker;
    final ClipWindows windows;
    long frames;
    long failed;
    long noFace;
    int maxTrack;

    Run(String source, Sink sink, FaceTracker faceTracker) {
      this.source = source;
      this.sink = sink;
      this.faceTracker = faceTracker;
      windows = clipClassifier == null ? null
          : new ClipWindows(clipClassifier.frames(), clipClassifier.size(), clipStride);
    }

    void flush(List<VideoFrame> batch) {
      if (batch.isEmpty()) {
        return;
      }
      List<RgbImage> images = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (VideoFrame f : batch) {
        images.add(RgbImage.of(f.image()));
        names.add(source + "#" + f.index());
      }
      List<ImageResult> results;
      try {
        results = analyzer.analyze(images, names);
      } catch (FerException | IllegalArgumentException | IllegalStateException e) {
        for (VideoFrame f : batch) {
          emit(new FrameResult(source, f.index(), f.seconds(), 0, 0, List.of(), "analysis failed: " + e.getMessage()), f.image());
        }
        batch.clear();
        return;
      }
      List<FrameResult> tracked = track(batch, images, results);
      for (int i = 0; i < batch.size(); i++) {
        emit(tracked.get(i), batch.get(i).image());
      }
      batch.clear();
    }

    private List<FrameResult> track(List<VideoFrame> batch, List<RgbImage> images, List<ImageResult> results) {
      List<List<TrackedFace>> faces = new ArrayList<>();
      List<int[]> clipOwners = new ArrayList<>(); // {frame in batch, face index}
      List<List<RgbImage>> clips = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        List<TrackedFace> frameFaces = new ArrayList<>();
        List<FaceTracker.Assignment> assigned = faceTracker.update(results.get(i).faces());
        for (FaceTracker.Assignment a : assigned) {
          maxTrack = Math.max(maxTrack, a.track());
          if (windows != null && a.track() > 0) {
            List<RgbImage> clip = windows.add(a.track(), images.get(i), a.face(), frames + i);
            if (clip != null) {
              clips.add(clip);
              clipOwners.add(new int[] {i, frameFaces.size()});
            }
          }
          frameFaces.add(new TrackedFace(a.track(), a.face(), null));
        }
        faces.add(frameFaces);
      }
      attachClips(faces, clipOwners, clips);
      if (windows != null) {
        windows.expire(frames + batch.size(), 4L * clipClassifier.frames());
      }
      List<FrameResult> out = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        ImageResult r = results.get(i);
        VideoFrame f = batch.get(i);
        out.add(new FrameResult(source, f.index(), f.seconds(), r.width(), r.height(), faces.get(i), r.error()));
      }
      return out;
    }

    private void attachClips(List<List<TrackedFace>> faces, List<int[]> owners, List<List<RgbImage>> clips) {
      if (clips.isEmpty()) {
        return;
      }
      List<float[]> probs = clipClassifier.classify(clips);
      LabelSpace labels = clipClassifier.labels();
      for (int c = 0; c < clips.size(); c++) {
        Map<String, Float> named = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
          named.put(labels.nameOf(k), probs.get(c)[k]);
        }
        List<TrackedFace> frameFaces = faces.get(owners.get(c)[0]);
        int idx = owners.get(c)[1];
        TrackedFace old = frameFaces.get(idx);
        frameFaces.set(idx, new TrackedFace(old.track(), old.face(), named));
      }
    }

    void emit(FrameResult result, BufferedImage image) {
      frames++;
      failed += result.ok() ? 0 : 1;
      noFace += result.ok() && result.faces().isEmpty() ? 1 : 0;
      try {
        sink.accept(result, image);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Builder: {@code setAnalyzer} is required. */
  public static final class Builder {
    private FrameAnalyzer analyzer;
    private FaceTracker.Builder tracker = FaceTracker.builder();
    private ClipClassifier clipClassifier;
    private int clipStride = 8;
    private double sampleFps;
    private int batchSize = 8;

    /** Per-frame face analysis, e.g. {@code FrameAnalyzer.of(expressionPredictor)}. */
    public Builder setAnalyzer(FrameAnalyzer analyzer) {
      this.analyzer = analyzer;
      return this;
    }

    /** Tracker settings (a fresh tracker is built for each video). */
    public Builder optTracker(FaceTracker.Builder tracker) {
      this.tracker = tracker;
      return this;
    }

    /** A dynamic model run on each track's sliding window (default none). */
    public Builder optClipClassifier(ClipClassifier classifier) {
      this.clipClassifier = classifier;
      return this;
    }

    /** New frames of a track between two clip predictions (default 8, half a 16-frame window). */
    public Builder optClipStride(int frames) {
      this.clipStride = frames;
      return this;
    }

    /** Frames per second to analyse; 0 (default) analyses every frame. */
    public Builder optSampleFps(double fps) {
      this.sampleFps = fps;
      return this;
    }

    /** Frames per analysis batch (default 8). */
    public Builder optBatchSize(int n) {
      this.batchSize = n;
      return this;
    }

    public VideoAnalyzer build() {
      if (analyzer == null) {
        throw FerException.badInput("VideoAnalyzer needs setAnalyzer(...)");
      }
      if (batchSize < 1 || clipStride < 1) {
        throw FerException.badInput("batch size and clip stride must be >= 1, were " + batchSize + " and " + clipStride);
      }
      if (sampleFps < 0 || Double.isNaN(sampleFps)) {
        throw FerException.badInput("sample rate must be >= 0 frames/s, was " + sampleFps);
      }
      tracker.build(); // validates the tracker settings now rather than at the first video
      return new VideoAnalyzer(this);
    }
  }
}
