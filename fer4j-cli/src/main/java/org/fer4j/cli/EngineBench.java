package org.fer4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.ModelRegistry;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.onnx.ExportInfo;
import org.fer4j.onnx.OrtNet;

/**
 * fer4j's side of {@code bench/engine/run.sh}: inference of one registered model (random weights,
 * seven classes) on one engine, the way the predictor's classifier runs it: a float batch in,
 * logits copied out. Prints one JSON line with the median wall time per batch and the process's
 * CPU time per image over the timed iterations.
 *
 * <p>usage: {@code java -cp fer4j.jar org.fer4j.cli.EngineBench MODEL SIZE BATCH ITERS THREADS
 * djl|onnxruntime}
 */
public final class EngineBench {
  private static final int WARMUP = 2;

  private EngineBench() {}

  public static void main(String[] args) {
    if (args.length != 6) {
      System.err.println("usage: EngineBench MODEL SIZE BATCH ITERS THREADS djl|onnxruntime");
      System.exit(2);
    }
    String name = args[0];
    int size = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    int iterations = Integer.parseInt(args[3]);
    InferenceEngine engine = InferenceEngine.parse(args[5]);
    int threads = Engines.init(new EngineOptions(42, Integer.parseInt(args[4]))).intraOpThreads();
    ModelSpec spec = ModelRegistry.get(name);
    PreprocessConfig p = spec.preprocess();
    PreprocessConfig input = new PreprocessConfig(size, size, p.channels(), p.mean(), p.std(), 1);
    Shape shape = new Shape(batch, input.channels(), size, size);
    float[] x = new float[(int) shape.size()];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = spec.build(new ModelOptions(7, Map.of()));
      block.initialize(manager, DataType.FLOAT32, new Shape(1, input.channels(), size, size));
      Runnable pass;
      OrtNet ort = null;
      if (engine == InferenceEngine.ONNXRUNTIME) {
        OrtNet net = OrtNet.compile(block, new ExportInfo(name, input, LabelSpace.EXPRESSION_7, Map.of()), threads);
        ort = net;
        pass = () -> net.run(x, shape.getShape());
      } else {
        pass = () -> {
          try (NDManager scope = NDManager.newBaseManager()) {
            NDList out = block.forward(new ParameterStore(scope, false), new NDList(scope.create(x, shape)), false);
            out.get(0).toFloatArray();
          }
        };
      }
      double[] seconds = new double[iterations];
      for (int i = 0; i < WARMUP; i++) {
        pass.run();
      }
      long cpuStart = ProcessCpu.processCpuNanos();
      for (int i = 0; i < iterations; i++) {
        long t0 = System.nanoTime();
        pass.run();
        seconds[i] = (System.nanoTime() - t0) / 1e9;
      }
      double cpuSeconds = (ProcessCpu.processCpuNanos() - cpuStart) / 1e9;
      if (ort != null) {
        ort.close();
      }
      Arrays.sort(seconds);
      double median = seconds[iterations / 2];
      System.out.printf(Locale.ROOT,
          "{\"runtime\":\"fer4j\",\"model\":\"%s\",\"engine\":\"%s\",\"threads\":%d,\"size\":%d,\"batch\":%d,"
              + "\"medianBatchSeconds\":%.4f,\"imagesPerSecond\":%.2f,\"imagesPerCpuSecond\":%.2f}%n",
          name, engine.id(), threads, size, batch, median, batch / median, batch * iterations / cpuSeconds);
    }
  }
}
