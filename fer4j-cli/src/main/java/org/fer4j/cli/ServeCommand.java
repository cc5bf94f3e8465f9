package org.fer4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fer4j.FerException;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.PretrainedClassifier;
import org.fer4j.server.FerServer;
import org.fer4j.server.PredictorAnalyzer;
import org.fer4j.server.ServerConfig;
import org.fer4j.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer serve}: the REST service and web page ({@link FerServer}) on loopback by default.
 * The port opens at once and the model loads in the background ({@code /ready} says when);
 * Ctrl-C or SIGTERM stops gracefully (in-flight requests finish, new ones get 503).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description =
    "REST API and web page for faces and expressions (loopback by default).")
public final class ServeCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Mixin InferenceEngineOption inference;
  @Mixin FaceOptions face;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--model", defaultValue = "pretrained", paramLabel = "pretrained|RUN_DIR",
      description = "Expression model: the pretrained face-api net (default) or a training run folder.")
  String model;

  @Option(names = "--workers", defaultValue = "1", description = "Inference threads (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--queue", defaultValue = "16", description = "Requests that may wait for a worker before 503 (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--max-upload-mb", defaultValue = "8", description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
  int maxUploadMb;

  @Option(names = "--max-megapixels", defaultValue = "40", description = "Largest image, checked from its header (default: ${DEFAULT-VALUE}).")
  int maxMegapixels;

  @Option(names = "--timeout", defaultValue = "30", description = "Seconds before a request gets 504 (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws InterruptedException {
    Path runDir = model.equals("pretrained") ? null : Path.of(model);
    if (runDir != null && !TrainedModel.isRunDirectory(runDir)) {
      throw FerException.notFound("--model " + model + ": not a training run folder (no config.json);"
          + " give a folder written by ./fer train, or --model pretrained");
    }
    face.detector(); // a wrong --detector fails before the port opens
    ServerConfig config = ServerConfig.builder().optHost(host).optPort(port).optWorkers(workers)
        .optQueueCapacity(queue).optMaxUploadBytes((long) maxUploadMb << 20)
        .optMaxPixels(maxMegapixels * 1_000_000L).optRequestTimeout(Duration.ofSeconds(timeoutSeconds)).build();
    PretrainedClassifier choice = face.classifier();
    if (runDir != null && choice != PretrainedClassifier.FACEAPI) {
      throw FerException.badInput("--classifier " + face.classifierName() + " is for --model pretrained; a run is its own classifier");
    }
    String active = switch (choice) {
      case FACEAPI -> "face-api-expressions";
      case FER2013 -> "human-fer2013-expressions";
      case ENSEMBLE -> "ensemble(face-api-expressions, human-fer2013-expressions)";
    };
    ExpressionPredictor.Builder predictor = face.builder().optEngine(inference.engine());
    engine.start();
    FerServer server = FerServer.start(config, () -> runDir != null
        ? PredictorAnalyzer.forRun(runDir, predictor)
        : new PredictorAnalyzer(predictor.build(), active));
    System.err.printf("fer4j serving on http://%s:%d/ (model loading; GET /ready)%n", host, server.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("fer4j: stopping (in-flight requests finish)...");
      server.close();
      stopped.countDown();
    }, "fer4j-shutdown"));
    stopped.await();
    return 0;
  }
}
