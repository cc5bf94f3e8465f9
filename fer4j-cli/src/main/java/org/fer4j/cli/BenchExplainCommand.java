package org.fer4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.GradientCam;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer bench explain}: median time of one explanation (one image: stages, backward to the CAM
 * layer, weights, upsampling, normalisation, copy to Java) for Grad-CAM and Grad-CAM++. The Python
 * peer is {@code tools/parity/gradcam_reference.py --bench}; {@code bench/explain.sh} runs both.
 */
@Command(name = "explain", description = "Milliseconds per Grad-CAM / Grad-CAM++ explanation of one image.")
public final class BenchExplainCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Option(names = "--model", required = true, description = "Registered model name.")
  String model;

  @Option(names = "--size", defaultValue = "224", description = "Input size S or HxW (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--layer", description = "Stage to explain (default: the model's CAM layer).")
  String layer;

  @Mixin BenchTiming timing;

  @Override
  public Integer call() {
    var info = engine.start();
    int[] hw = BenchCommand.parseSize(size);
    ModelSpec spec = ModelRegistry.get(model);
    Map<CamMethod, Double> medians = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = spec.build();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, hw[0], hw[1]));
      NDArray x = manager.randomNormal(new Shape(1, 3, hw[0], hw[1]));
      for (CamMethod method : CamMethod.values()) {
        GradientCam cam = GradientCam.builder().setModel(block).optLayer(layer).optMethod(method).build();
        medians.put(method, medianMillis(cam, x));
      }
    }
    if (timing.json) {
      System.out.printf(Locale.ROOT, "{\"impl\":\"fer4j\",\"model\":\"%s\",\"size\":\"%dx%d\",\"threads\":%d,"
              + "\"gradcam_ms\":%.2f,\"gradcampp_ms\":%.2f}%n", model, hw[0], hw[1], info.intraOpThreads(),
          medians.get(CamMethod.GRAD_CAM), medians.get(CamMethod.GRAD_CAM_PLUS_PLUS));
    } else {
      medians.forEach((m, ms) -> System.out.printf(Locale.ROOT, "%s %dx%d %-10s %8.2f ms per image (median of %d, %d threads)%n",
          model, hw[0], hw[1], m.title(), ms, timing.iterations, info.intraOpThreads()));
    }
    return 0;
  }

  private double medianMillis(GradientCam cam, NDArray x) {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < timing.warmup + Math.max(1, timing.iterations); i++) {
      long t0 = System.nanoTime();
      cam.explain(x);
      if (i >= timing.warmup) {
        times.add((System.nanoTime() - t0) / 1e6);
      }
    }
    Collections.sort(times);
    int n = times.size();
    return n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
  }
}
