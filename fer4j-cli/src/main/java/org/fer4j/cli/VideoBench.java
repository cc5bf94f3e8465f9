package org.fer4j.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.video.BlockClipClassifier;
import org.fer4j.predict.video.FrameAnalyzer;
import org.fer4j.predict.video.VideoAnalyzer;
import org.fer4j.run.TrainedModel;

/**
 * fer4j's side of {@code bench/video/run.sh}: frames/s of the whole video pipeline (decode,
 * tiny detector at 416 px, landmarks, expressions, tracking; with a run, its classifier) on a
 * generated 640x426 MPEG-4 clip that pans over a photo, printed as one JSON line with wall and
 * CPU time. The clip is written before the timing starts.
 *
 * <p>usage: {@code java -cp fer4j.jar org.fer4j.cli.VideoBench WEIGHTS_DIR PHOTO FRAMES [THREADS]
 * [RUN_DIR]}
 */
public final class VideoBench {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 426;

  private VideoBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: VideoBench WEIGHTS_DIR PHOTO FRAMES [THREADS] [RUN_DIR]");
      System.exit(2);
    }
    int frames = Integer.parseInt(args[2]);
    Engines.init(new EngineOptions(42, args.length > 3 ? Integer.parseInt(args[3]) : 0));
    Path video = Files.createTempFile("fer4j-video-bench", ".mp4");
    try (TrainedModel run = args.length > 4 ? TrainedModel.open(Path.of(args[4])) : null) {
      pan(Path.of(args[1]), video, frames);
      boolean clip = run != null && run.preprocess().frames() > 1;
      try (ExpressionPredictor predictor = ExpressionPredictor.builder().setWeights(Path.of(args[0])).optAgeGender(false)
          .optClassifier(run != null && !clip ? BlockExpressionClassifier.of(run) : null).build()) {
        VideoAnalyzer analyzer = VideoAnalyzer.builder().setAnalyzer(FrameAnalyzer.of(predictor))
            .optClipClassifier(clip ? BlockClipClassifier.of(run) : null)
            .optClipStride(clip ? Math.max(1, run.preprocess().frames() / 2) : 8).build();
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        long[] faces = {0};
        VideoAnalyzer.Summary s = analyzer.analyze(video, (r, img) -> faces[0] += r.faces().size());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "{\"runtime\":\"fer4j-video\",\"threads\":%d,\"classifier\":\"%s\",\"frames\":%d,"
                + "\"faces\":%d,\"tracks\":%d,\"seconds\":%.3f,\"framesPerSecond\":%.3f,\"cpuSeconds\":%.3f}%n",
            Engines.init().intraOpThreads(), run == null ? "face-api" : run.config().model(), s.frames(), faces[0],
            s.tracks(), seconds, s.frames() / seconds, cpu);
      }
    } finally {
      Files.deleteIfExists(video);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  // A camera pan over the photo: a window of 5/6 of its width sliding right, scaled to 640x426, 25 fps.
  private static void pan(Path photo, Path out, int frames) throws Exception {
    BufferedImage src = ImageIO.read(photo.toFile());
    int w = src.getWidth() * 5 / 6;
    int h = w * HEIGHT / WIDTH;
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), WIDTH, HEIGHT, 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(25);
      rec.setVideoQuality(2);
      rec.start();
      for (int f = 0; f < frames; f++) {
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        int x = (int) ((long) (src.getWidth() - w) * f / Math.max(1, frames - 1));
        int y = Math.max(0, (src.getHeight() - h) / 2);
        g.drawImage(src, 0, 0, WIDTH, HEIGHT, x, y, x + w, y + h, null);
        g.dispose();
        rec.record(conv.convert(frame));
      }
      rec.stop();
    }
  }
}
