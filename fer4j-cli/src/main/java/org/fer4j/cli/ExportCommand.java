package org.fer4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.EngineInfo;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.onnx.ExportInfo;
import org.fer4j.onnx.FaceApiExports;
import org.fer4j.onnx.OnnxExporter;
import org.fer4j.run.Provenance;
import org.fer4j.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer export}: writes a registered model (optionally with {@code --pretrained} weights) or a
 * trained run as an ONNX file with a dynamic batch axis, its class names, preprocessing and
 * provenance in the metadata. See docs/export.md.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a model or a trained run as an ONNX file (opset 17) for ONNX Runtime and other runtimes.")
public final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin EngineMixin engine;

  @Mixin WeightsMixin weights;

  @Option(names = "--model", description = "Registered model name (see 'fer models'); or use --run.")
  String model;

  @Option(names = "--run", paramLabel = "RUN_DIR",
      description = "A trained run directory: its model, input size, classes and best checkpoint are exported.")
  Path run;

  @Option(names = "--classes", description = "Classes of the head with --model: 7 or 8 name the expressions (default: the model's).")
  Integer classes;

  @Option(names = "--size", paramLabel = "N", description = "Input size N (N x N) with --model (default: the model's).")
  Integer size;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The .onnx file to write (with --model or --run).")
  Path output;

  @Option(names = "--face-api", paramLabel = "DIR",
      description = "Write face-api's five networks (expressions, landmarks, age/gender, tiny face detector, SSD"
          + " MobileNet) from the cached weights (see 'fer models pull') into DIR.")
  Path faceApi;

  @Override
  public Integer call() throws IOException {
    if (faceApi != null) {
      if (model != null || run != null || output != null || weights.isSet() || classes != null || size != null) {
        throw FerException.badInput("--face-api DIR writes face-api's nets on its own; drop the other options");
      }
      return exportFaceApi();
    }
    if ((model == null) == (run == null)) {
      throw FerException.badInput("give exactly one of --model NAME (with --pretrained FILE), --run RUN_DIR or --face-api DIR");
    }
    if (output == null) {
      throw FerException.badInput("give the .onnx file to write with -o FILE");
    }
    if (run != null && (weights.isSet() || classes != null || size != null)) {
      throw FerException.badInput("--run takes the weights, classes and input size from the run directory;"
          + " drop --pretrained, --classes and --size");
    }
    EngineInfo info = engine.start();
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    if (run != null) {
      return exportRun();
    }
    ModelSpec spec = ModelRegistry.get(model);
    LabelSpace labels = RegisteredModel.labels(spec, classes);
    PreprocessConfig p = spec.preprocess();
    if (size != null) {
      if (size < 1) {
        throw FerException.badInput("--size must be >= 1, was " + size);
      }
      p = new PreprocessConfig(size, size, p.channels(), p.mean(), p.std(), p.frames());
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = build(spec, labels, p, manager);
      Map<String, Object> provenance = new LinkedHashMap<>();
      if (weights.isSet()) {
        Path file = weights.file().orElseThrow();
        provenance.put("weights", file.getFileName().toString());
        provenance.put("weights_sha256", Provenance.sha256(file));
      } else {
        System.err.println("warning: no --pretrained weights; the exported model has random weights");
        provenance.put("weights", "random (no --pretrained)");
      }
      provenance.put("djl", info.djlVersion());
      provenance.put("pytorch", info.engineVersion());
      return write(block, new ExportInfo(spec.name(), p, labels, provenance));
    }
  }

  private int exportFaceApi() throws IOException {
    engine.start();
    for (Path file : FaceApiExports.writeAll(FaceApiPackage.resolveWeights(null, null), faceApi)) {
      System.out.printf("wrote %s (%.1f MB)%n", file, Files.size(file) / 1e6);
    }
    return 0;
  }

  /** The run's best checkpoint with its config, labels, and provenance. */
  private int exportRun() throws IOException {
    try (TrainedModel trained = TrainedModel.open(run)) {
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("run", run.toAbsolutePath().normalize().getFileName().toString());
      provenance.put("checkpoint", trained.weightsFile().getFileName().toString());
      provenance.put("checkpoint_sha256", Provenance.sha256(trained.weightsFile()));
      provenance.put("selection", trained.selectionRule());
      provenance.put("training", trainingProvenance(run));
      return write(trained.block(),
          new ExportInfo(trained.spec().name(), trained.preprocess(), trained.labels(), provenance));
    }
  }

  private Block build(ModelSpec spec, LabelSpace labels, PreprocessConfig p, NDManager manager) {
    Block block = spec.buildInitialized(labels.size(), Map.of(), p, manager);
    weights.apply(block, System.err);
    return block;
  }

  private int write(Block block, ExportInfo info) throws IOException {
    OnnxExporter.standard().write(block, info, output);
    long[] dims = OnnxExporter.inputShape(info.preprocess()).getShape();
    StringBuilder input = new StringBuilder("[batch");
    for (int i = 1; i < dims.length; i++) {
      input.append(", ").append(dims[i]);
    }
    System.out.printf("wrote %s: %s, input 'input' %s], output 'logits' [batch, %d], %.1f MB%n",
        output, info.modelName(), input, info.labels().size(), Files.size(output) / 1e6);
    return 0;
  }

  /** The provenance the run saved in its config.json (versions, seed, data fingerprint). */
  private static Map<String, Object> trainingProvenance(Path runDir) {
    Path config = runDir.resolve("config.json");
    try {
      var node = JSON.readTree(config.toFile()).path("provenance");
      return node.isObject() ? JSON.convertValue(node, new TypeReference<Map<String, Object>>() {}) : Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the provenance in " + config + ": " + e.getMessage(), e);
    }
  }
}
