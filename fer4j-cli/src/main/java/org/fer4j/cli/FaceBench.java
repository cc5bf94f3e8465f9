package org.fer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.EnumSet;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.DecodedFile;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiModels.Net;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;

/**
 * fer4j's side of {@code bench/face/run.sh}: the whole face pipeline (JPEG decode to 8-bit
 * pixels, tiny detector at 416 px, 68 landmarks, expressions) over a folder of photos, one warm-up
 * pass then {@code repeat} timed passes, printed as one JSON line with images/s ({@code
 * "decode":true}); then the same passes over the photos decoded once beforehand, a second line
 * ({@code "decode":false}): the networks with their pre- and post-processing only (which include
 * making the networks' float inputs from the 8-bit photos), as the second line of {@code
 * tools/golden/golden.js --repeat N} times face-api. The photos of a pass go through each network
 * in one batch.
 *
 * <p>usage: {@code java -cp fer4j.jar org.fer4j.cli.FaceBench WEIGHTS_DIR IMAGES_DIR REPEAT
 * [THREADS] [djl|onnxruntime] [--profile]}; {@code --profile} prints CPU milliseconds per image
 * and stage instead (see {@link FaceProfile}). The engine defaults to {@link InferenceEngine#DEFAULT};
 * THREADS (default all cores) are the intra-op threads of either engine.
 */
public final class FaceBench {
  private FaceBench() {}

  private static long processCpuNanos() {
    return ProcessCpu.processCpuNanos();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: FaceBench WEIGHTS_DIR IMAGES_DIR REPEAT [THREADS] [djl|onnxruntime] [--profile]");
      System.exit(2);
    }
    int threads = 0;
    InferenceEngine engine = InferenceEngine.DEFAULT;
    boolean profile = false;
    for (int i = 3; i < args.length; i++) {
      if (args[i].equals("--profile")) {
        profile = true;
      } else if (args[i].matches("\\d+")) {
        threads = Integer.parseInt(args[i]);
      } else {
        engine = InferenceEngine.parse(args[i]);
      }
    }
    Engines.init(new EngineOptions(42, threads));
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[1]))) {
      files = s.filter(InputPaths::isImage).sorted().toList();
    }
    int repeat = Integer.parseInt(args[2]);
    if (profile) {
      try (FaceApiModels models = FaceApiModels.load(Path.of(args[0]),
          EnumSet.of(Net.TINY_FACE_DETECTOR, Net.LANDMARKS_68, Net.EXPRESSIONS))) {
        FaceProfile.run(models, engine, files, repeat);
      }
      return;
    }
    try (ExpressionPredictor predictor = ExpressionPredictor.builder().setWeights(Path.of(args[0]))
        .optAgeGender(false).optBatchSize(files.size()).optEngine(engine).build()) {
      predictor.predictFiles(files);
      timePasses(engine, true, repeat, files.size(), () -> predictor.predictFiles(files));
      // Decoded once, outside the timed region: the networks with their pre- and post-processing
      // only, as golden.js's second timing line does for face-api.
      List<DecodedFile> decoded = predictor.decodeFiles(files);
      timePasses(engine, false, repeat, files.size(), () -> predictor.predictDecoded(decoded));
    }
  }

  /** Times {@code repeat} passes of {@code pass} and prints one JSON line. */
  private static void timePasses(InferenceEngine engine, boolean decode, int repeat, int perPass,
      Supplier<List<ImageResult>> pass) {
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    int faces = 0;
    for (int i = 0; i < repeat; i++) {
      faces += pass.get().stream().mapToInt(r -> r.faces().size()).sum();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // CPU time of the whole JVM (all threads, GC included), as Node's process.cpuUsage() counts.
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    int images = perPass * repeat;
    System.out.printf(Locale.ROOT,
        "{\"runtime\":\"fer4j\",\"engine\":\"%s\",\"threads\":%d,\"decode\":%b,\"images\":%d,\"faces\":%d,"
            + "\"seconds\":%.3f,\"imagesPerSecond\":%.3f,\"cpuSeconds\":%.3f,\"imagesPerCpuSecond\":%.3f}%n",
        engine.id(), Engines.init().intraOpThreads(), decode, images, faces, seconds, images / seconds,
        cpuSeconds, images / cpuSeconds);
  }
}
