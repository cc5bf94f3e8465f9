package org.fer4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.fer4j.FerException;
import org.fer4j.explain.CamMethod;
import org.fer4j.engine.Engines;
import org.fer4j.face.DecodedFile;
import org.fer4j.predict.Annotator;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.predict.ExpressionClassifier;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;
import org.fer4j.predict.PredictionFormats;
import org.fer4j.predict.video.BlockClipClassifier;
import org.fer4j.predict.video.ClipClassifier;
import org.fer4j.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fer predict PATH...}: faces, landmarks, expressions, age and gender for images, as JSON
 * lines (default) or CSV. Every input gets a record; unreadable files are reported and the run
 * goes on; the exit code is 3 when any input failed, 0 otherwise (an image without a face is a
 * record with {@code reason: no face found}, not a failure).
 */
@Command(
    name = "predict",
    description = "Detect faces and predict expressions (+ age/gender) for image files, folders or globs, or track faces through video files.")
public final class PredictCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Mixin InferenceEngineOption inference;
  @Mixin FaceOptions face;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files, folders or globs, or video files.")
  List<String> paths;

  @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, description = "Write results to this file instead of stdout.")
  Path output;

  @Option(names = "--annotate", paramLabel = "DIR|FILE", description = "Images: write annotated PNGs into DIR. Video: write the video with boxes, track ids and labels to FILE (e.g. out.mp4).")
  Path annotate;

  @Option(names = "--timeline", paramLabel = "FILE", description = "Video: plot each track's expression probabilities over time into a PNG.")
  Path timeline;

  @Option(names = "--sample-fps", defaultValue = "0", description = "Video: frames per second to analyse (default: every frame).")
  double sampleFps;

  @Option(names = "--no-age-gender", description = "Skip the age/gender net.")
  boolean noAgeGender;

  @Option(names = "--run", paramLabel = "RUN_DIR", description = "A trained fer4j run as the classifier: a static model"
      + " classifies each face (images and video frames); a clip model (e.g. gcsa_resnet18) classifies each video track's"
      + " sliding window of the run's frame count, beside face-api's per-frame expressions.")
  Path run;

  @Option(names = "--tta", paramLabel = "none|flip", defaultValue = "none", description = "Test-time augmentation:"
      + " flip averages each face's probabilities with its mirror image's, for any classifier (default: ${DEFAULT-VALUE}).")
  String tta;

  @Option(names = "--batch", defaultValue = "8", description = "Images per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--explain", paramLabel = "DIR", description = "Images: write each face's heat map of its top expression"
      + " into DIR (PHOTO-faceN-METHOD.png, plus contact_sheet.png); the JSON names each face's file as \"overlay\".")
  Path explain;

  @Option(names = "--method", defaultValue = "gradcam", description = "With --explain: gradcam or gradcampp (default: ${DEFAULT-VALUE}).")
  String method;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw FerException.badInput("--format must be jsonl or csv, was '" + format + "'");
    }
    CamMethod.of(method); // a wrong --method fails before any weights load
    if (!tta.equals("none") && !tta.equals("flip")) {
      throw FerException.badInput("--tta must be none or flip, was '" + tta + "'");
    }
    if (run != null) {
      face.requireDefaultClassifier("--run");
    }
    face.check();
    engine.start();
    InputPaths.Expansion inputs = InputPaths.expand(paths);
    try (TrainedModel trained = run == null ? null : TrainedModel.open(run)) {
      if (trained != null) {
        System.err.println("predict: classifier " + trained.config().model() + " from " + run + " ("
            + trained.selectionRule() + "), classes " + trained.labels().classes());
      }
      if (!inputs.files().isEmpty() && inputs.files().stream().allMatch(VideoPredict::isVideo)) {
        if (explain != null) {
          throw FerException.badInput("--explain is for photos, not videos");
        }
        return videos(inputs.files(), trained);
      }
      if (timeline != null) {
        throw FerException.badInput("--timeline is for videos (" + String.join(", ", VideoPredict.EXTENSIONS) + ")");
      }
      return images(predictor(trained == null ? null : BlockExpressionClassifier.of(trained)), inputs);
    }
  }

  private ExpressionPredictor predictor(ExpressionClassifier classifier) {
    return face.builder().optAgeGender(!noAgeGender).optBatchSize(batch).optClassifier(classifier)
        .optFlipTta(tta.equals("flip")).optExplain(explain == null ? null : CamMethod.of(method))
        .optEngine(inference.engine()).build();
  }

  private int images(ExpressionPredictor built, InputPaths.Expansion inputs) throws IOException {
    if (annotate != null) {
      Files.createDirectories(annotate);
    }
    FaceOverlays overlays = explain == null ? null : new FaceOverlays(explain, CamMethod.of(method));
    int failed = 0;
    try (ExpressionPredictor predictor = built;
        PrintStream out = output == null ? new PrintStream(System.out, true, StandardCharsets.UTF_8)
            : new PrintStream(Files.newOutputStream(output), false, StandardCharsets.UTF_8);
        ProgressBar bar = inputs.many() ? new ProgressBarBuilder().setTaskName("predict")
            .setInitialMax(inputs.files().size()).setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(System.err)).build() : null) {
      if (format.equals("csv")) {
        out.println(PredictionFormats.withClassifier(PredictionFormats.csvHeader(predictor.labels()),
            PredictionFormats.CLASSIFIER_COLUMN));
      }
      List<Path> files = inputs.files();
      for (int start = 0; start < files.size(); start += batch) {
        List<DecodedFile> decoded = predictor.decodeFiles(files.subList(start, Math.min(files.size(), start + batch)));
        List<ImageResult> results = predictor.predictDecoded(decoded);
        for (int i = 0; i < results.size(); i++) {
          ImageResult r = results.get(i);
          failed += r.ok() ? 0 : 1;
          write(out, r, predictor, overlays == null ? List.of() : overlays.write(r));
          annotate(r, decoded.get(i));
        }
        if (bar != null) {
          bar.stepBy(decoded.size());
        }
      }
    }
    Path sheet = overlays == null ? null : overlays.finish();
    if (sheet != null) {
      System.err.println("predict: face heat maps and " + sheet.getFileName() + " written to " + explain);
    }
    if (failed > 0) {
      System.err.println("predict: " + failed + " of " + inputs.files().size() + " inputs failed (see their records)");
      return FerException.Kind.BAD_INPUT.exitCode();
    }
    return 0;
  }

  // A static run classifies every face of every frame; a clip run adds per-track window predictions.
  private int videos(List<Path> videos, TrainedModel trained) throws IOException {
    boolean clip = trained != null && trained.preprocess().frames() > 1;
    BlockClipClassifier clips = clip
        ? BlockClipClassifier.of(trained).onEngine(inference.engine(), Engines.init().intraOpThreads()) : null;
    ExpressionClassifier perFace = trained != null && !clip ? BlockExpressionClassifier.of(trained) : null;
    try (ExpressionPredictor predictor = predictor(perFace);
        PrintStream out = output == null ? new PrintStream(System.out, true, StandardCharsets.UTF_8)
            : new PrintStream(Files.newOutputStream(output), false, StandardCharsets.UTF_8)) {
      VideoPredict.Outputs o = new VideoPredict.Outputs(format, out, annotate, timeline, sampleFps, classifierName(predictor));
      int failed = VideoPredict.run(predictor, clips, videos, o, batch);
      return failed > 0 ? FerException.Kind.BAD_INPUT.exitCode() : 0;
    } finally {
      if (clips != null) {
        clips.close();
      }
    }
  }

  private void write(PrintStream out, ImageResult r, ExpressionPredictor predictor, List<Path> overlays) {
    if (format.equals("csv")) {
      PredictionFormats.csvRows(r, predictor.labels())
          .forEach(row -> out.println(PredictionFormats.withClassifier(row, classifierName(predictor))));
      return;
    }
    ObjectNode record = PredictionFormats.json(r);
    record.put("classifier", classifierName(predictor));
    for (int i = 0; i < overlays.size(); i++) {
      ((ObjectNode) record.path("faces").get(i)).put("overlay", overlays.get(i).toString());
    }
    out.println(record);
  }

  /** The name every output gives the classifier: {@code run:NAME} for a trained run, else the pretrained net's id. */
  private String classifierName(ExpressionPredictor predictor) {
    return run != null ? "run:" + run.getFileName() : predictor.classifierName();
  }

  // Draws on the pixels the predictor saw: decoded once, upright, by whichever decoder read them.
  private void annotate(ImageResult r, DecodedFile decoded) throws IOException {
    if (annotate == null || !r.ok()) {
      return;
    }
    String name = Path.of(r.source()).getFileName().toString().replaceFirst("\\.[^.]+$", "");
    ImageIO.write(Annotator.draw(decoded.image().toBufferedImage(), r), "png", annotate.resolve(name + ".png").toFile());
  }
}
