package org.fer4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelRegistry;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.WeightLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.fer4j.testing.ReferencePython;

/**
 * Parity with a Grad-CAM / Grad-CAM++ written by hand with PyTorch autograd ({@code
 * tools/parity/gradcam_reference.py}, torch 1.13 / torchvision 0.14): the same seeded ResNet-18
 * weights (non-trivial BatchNorm statistics) are loaded into fer4j's {@code resnet18}, both run on
 * the same 2 images of 128x112 (non-square, so a height/width swap shows), and the class, its
 * probability, the raw low-resolution map and the normalised upsampled map must agree within 1e-4
 * (raw maps relative to their largest value when it exceeds 1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradCamParityTest {
  private static final double TOLERANCE = 1e-4;
  private Path out;
  private NDManager manager;
  private Block resnet;

  @BeforeAll
  void reference() throws IOException {
    ReferencePython.require("Grad-CAM parity", "torch, torchvision");
    Engines.init();
    out = Files.createTempDirectory("fer4j-gradcam-parity");
    ReferencePython.runScript(
        "tools/parity/gradcam_reference.py", List.of(out.toString(), "--size", "128x112"), 600);
    manager = NDManager.newBaseManager();
    resnet = ModelRegistry.get("resnet18").build();
    resnet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 128, 112));
    LoadReport report =
        WeightLoader.load(resnet, out.resolve("weights.safetensors"), NameMaps.torchvision(), true);
    assertThat(report.complete()).isTrue();
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (manager != null) {
      manager.close();
    }
    if (out != null) {
      try (Stream<Path> files = Files.walk(out)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gradcam_layer4_pred, gradcam, layer4, -1",
    "gradcampp_layer4_pred, gradcampp, layer4, -1",
    "gradcam_layer4_c7, gradcam, layer4, 7",
    "gradcampp_layer4_c7, gradcampp, layer4, 7",
    "gradcam_layer3_pred, gradcam, layer3, -1",
    "gradcampp_layer3_pred, gradcampp, layer3, -1"
  })
  void mapsMatchTheAutogradReference(String name, String method, String layer, int target) {
    try (NDManager scope = manager.newSubManager();
        Safetensors ref = Safetensors.open(out.resolve("cams.safetensors"))) {
      NDArray input = ref.toNDArray("input", scope);
      GradientCam cam =
          GradientCam.builder().setModel(resnet).optLayer(layer).optMethod(CamMethod.of(method)).build();
      List<Explanation> got = cam.explain(input, target);
      long[] classes = ref.longs(name + ".class");
      float[] probs = ref.floats(name + ".prob");
      TensorInfoShape raw = new TensorInfoShape(ref.info(name + ".raw").shape());
      float[] rawRef = ref.floats(name + ".raw");
      float[] mapRef = ref.floats(name + ".map");
      int rawSize = raw.h * raw.w;
      int mapSize = 128 * 112;
      StringBuilder figures = new StringBuilder(name + ":");
      for (int n = 0; n < 2; n++) {
        Explanation e = got.get(n);
        assertThat(e.classIndex()).as(name + " class").isEqualTo(classes[n]);
        assertThat((double) e.probability()).as(name + " probability").isCloseTo(probs[n], within(TOLERANCE));
        assertThat(new int[] {e.rawHeight(), e.rawWidth(), e.height(), e.width()}).containsExactly(raw.h, raw.w, 128, 112);
        double rawScale = Math.max(1, maxAbs(rawRef, n * rawSize, rawSize));
        double rawDiff = maxDiff(e.raw(), rawRef, n * rawSize);
        double mapDiff = maxDiff(e.map(), mapRef, n * mapSize);
        figures.append(String.format(java.util.Locale.ROOT, " [%d] raw %.1e/%.2f map %.1e", n, rawDiff, rawScale, mapDiff));
        assertThat(rawScale).as(name + " the map is not all zeros").isGreaterThan(0);
        assertThat(rawDiff).as(name + " image " + n + " raw map").isLessThanOrEqualTo(TOLERANCE * rawScale);
        assertThat(mapDiff).as(name + " image " + n + " normalised map").isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxAbs(mapRef, n * mapSize, mapSize)).as("reference map spans [0,1]").isEqualTo(1f);
      }
      System.out.println(figures);
    }
  }

  private record TensorInfoShape(int h, int w) {
    TensorInfoShape(long[] shape) {
      this((int) shape[1], (int) shape[2]);
    }
  }

  private static double maxAbs(float[] v, int from, int count) {
    double m = 0;
    for (int i = from; i < from + count; i++) {
      m = Math.max(m, Math.abs(v[i]));
    }
    return m;
  }

  private static double maxDiff(float[] got, float[] ref, int offset) {
    double m = 0;
    for (int i = 0; i < got.length; i++) {
      m = Math.max(m, Math.abs(got[i] - ref[offset + i]));
    }
    return m;
  }
}
