package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.testing.ReferencePython;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.WeightLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same AGLF weights exported twice, by PyTorch's {@code torch.onnx.export} from the reference
 * implementation ({@code tools/reference/seed_models.py}) and by fer4j from its own blocks: both
 * files must give the same outputs in ONNX Runtime.
 */
class TorchOnnxComparisonTest {
  private static final String MODEL = "aglf_resnet18";

  @Test
  void fer4jAndTorchExportsOfTheSameWeightsAgreeInOnnxRuntime(@TempDir Path dir) throws Exception {
    ReferencePython.require("the torch.onnx comparison", "torch, torchvision");
    ReferencePython.runScript(
        "tools/onnx/torch_export_seed.py", List.of(dir.toString(), "--model", MODEL), 900);
    Path out = dir.resolve(MODEL);
    Engines.init();
    try (NDManager manager = NDManager.newBaseManager();
        Safetensors io = Safetensors.open(out.resolve("io.safetensors"))) {
      NDArray input = io.toNDArray("input", manager);
      Shape shape = input.getShape();
      float[] x = input.toFloatArray();
      Block block = ModelRegistry.get(MODEL).build(ModelOptions.of(7));
      block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(shape.slice(1)));
      LoadReport report =
          WeightLoader.load(block, out.resolve("weights.safetensors"), NameMaps.torchvision(), true);
      assertThat(report.complete()).isTrue();
      ExportInfo info = new ExportInfo(MODEL, ExportFixture.preprocess(MODEL), ExportFixture.LABELS, Map.of());
      byte[] ours = OnnxExporter.standard().export(block, info).toByteArray();
      byte[] theirs = Files.readAllBytes(out.resolve("torch.onnx"));
      List<float[]> expected = ExportFixture.runOrt(theirs, x, shape);
      List<float[]> actual = ExportFixture.runOrt(ours, x, shape);
      assertThat(actual).hasSameSizeAs(expected).hasSize(5);
      for (int i = 0; i < expected.size(); i++) {
        double error = ExportFixture.relativeMaxError(expected.get(i), actual.get(i));
        System.out.printf("%s output %d: fer4j vs torch.onnx export max error %.2e%n", MODEL, i, error);
        assertThat(error).as("output " + i).isLessThan(1e-4);
      }
    }
  }
}
