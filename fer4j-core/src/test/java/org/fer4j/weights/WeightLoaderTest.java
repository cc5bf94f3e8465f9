package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.models.ParameterNames;
import org.junit.jupiter.api.Test;

class WeightLoaderTest extends ManagedTempDirTest {

  /** conv1 (4,3,3,3) no bias, bn1 (4), fc (2,4)+(2): torchvision-style names. */
  private NamedBlock tinyNet() {
    return new NamedBlock()
        .child(
            "conv1",
            Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).optBias(false).build(),
            new Shape(1, 3, 8, 8))
        .child("bn1", BatchNorm.builder().build(), new Shape(1, 4, 8, 8))
        .child("fc", Linear.builder().setUnits(2).build(), new Shape(1, 4))
        .init(manager);
  }

  private NDArray ramp(float start, long... shape) {
    Shape s = new Shape(shape);
    return manager.arange(start, start + s.size()).reshape(s).div(10);
  }

  /** A torchvision-style file for tinyNet with fc sized for {@code classes}. */
  private Map<String, NDArray> tinyFile(int classes) {
    Map<String, NDArray> t = new LinkedHashMap<>();
    t.put("conv1.weight", ramp(1, 4, 3, 3, 3));
    t.put("bn1.weight", ramp(2, 4));
    t.put("bn1.bias", ramp(3, 4));
    t.put("bn1.running_mean", ramp(4, 4));
    t.put("bn1.running_var", ramp(5, 4));
    t.put("bn1.num_batches_tracked", manager.create(100L));
    t.put("fc.weight", ramp(6, classes, 4));
    t.put("fc.bias", ramp(7, classes));
    return t;
  }

  private Path save(String name, Map<String, NDArray> tensors, StDtype type) {
    Path file = dir.resolve(name + ".safetensors");
    Safetensors.write(file, tensors, Map.of(), type);
    return file;
  }

  private static float[] values(Block block, String torchName) {
    return ParameterNames.torchNames(block).get(torchName).getArray().toFloatArray();
  }

  @Test
  void torchNamesFollowTheContract() {
    assertThat(ParameterNames.torchNames(tinyNet()).keySet())
        .containsExactly(
            "conv1.weight",
            "bn1.weight",
            "bn1.bias",
            "bn1.running_mean",
            "bn1.running_var",
            "fc.weight",
            "fc.bias");
  }

  @Test
  void loadsEveryTensorIncludingBatchNormRunningStatistics() {
    Map<String, NDArray> file = tinyFile(2);
    NamedBlock net = tinyNet();
    LoadReport report =
        WeightLoader.load(net, save("tiny", file, StDtype.F32), NameMaps.torchvision(), true);
    assertThat(report.complete()).isTrue();
    assertThat(report.loaded()).hasSize(7);
    assertThat(report.ignored()).containsExactly("bn1.num_batches_tracked");
    for (String name : ParameterNames.torchNames(net).keySet()) {
      assertThat(values(net, name)).as(name).containsExactly(file.get(name).toFloatArray());
    }
    // 0.5 = ramp(5, 4)[0] = 5 / 10: the running variance really came from the file.
    assertThat(values(net, "bn1.running_var")[0]).isEqualTo(0.5f);
    assertThat(ParameterNames.torchNames(net).get("conv1.weight").getArray().hasGradient())
        .isTrue();
  }

  @Test
  void strictLoadListsMissingUnexpectedAndShapeMismatchesAndCopiesNothing() {
    Map<String, NDArray> file = tinyFile(1000);
    file.remove("bn1.running_var");
    file.put("layer9.weight", ramp(0, 3));
    Path path = save("imagenet", file, StDtype.F32);
    NamedBlock net = tinyNet();
    float[] before = values(net, "conv1.weight");
    String msg =
        MalformedFiles.error(() -> WeightLoader.load(net, path, NameMaps.torchvision(), true));
    assertThat(msg)
        .contains(path.toString(), "torchvision names")
        .contains("1 missing from the file: bn1.running_var")
        .contains("1 unexpected in the file: layer9.weight")
        .contains(
            "2 with another shape: fc.weight file (1000, 4) model (2, 4), fc.bias file (1000) model"
                + " (2)")
        .contains("non-strict");
    assertThat(values(net, "conv1.weight")).containsExactly(before);
  }

  @Test
  void nonStrictLoadSkipsA1000ClassHeadAndReportsIt() {
    Path path = save("imagenet", tinyFile(1000), StDtype.F32);
    NamedBlock net = tinyNet();
    float[] fcBefore = values(net, "fc.weight");
    LoadReport report = WeightLoader.load(net, path, "auto", false);
    assertThat(report.format()).isEqualTo("torchvision");
    assertThat(report.loaded())
        .containsExactly(
            "conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var");
    assertThat(report.missing()).isEmpty(); // fc is in the file, only with another shape
    assertThat(report.shapeMismatches()).hasSize(2);
    assertThat(report.summary())
        .contains(
            "loaded 5 tensors",
            "ignored 1 (num_batches_tracked)",
            "fc.weight file (1000, 4) model (2, 4)");
    assertThat(values(net, "fc.weight")).containsExactly(fcBefore);
    assertThat(values(net, "bn1.bias")[0]).isEqualTo(0.3f);
  }

  @Test
  void aFileThatMatchesNothingIsAnErrorEvenWhenNotStrict() {
    Path path = save("other", Map.of("stem.0.weight", ramp(0, 4)), StDtype.F32);
    String msg =
        MalformedFiles.error(
            () -> WeightLoader.load(tinyNet(), path, NameMaps.torchvision(), false));
    assertThat(msg)
        .contains(path.toString(), "none of its 1 tensors", "stem.0.weight", "conv1.weight");
  }

  @Test
  void uninitialisedBlockIsAnError() {
    Path path = save("tiny", tinyFile(2), StDtype.F32);
    Block raw = Linear.builder().setUnits(2).build();
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> WeightLoader.load(raw, path, NameMaps.torchvision(), true));
    assertThat(t).isInstanceOf(FerException.class).hasMessageContaining("block.initialize(");
    assertThat(((FerException) t).kind()).isEqualTo(FerException.Kind.INTERNAL);
  }

  @Test
  void halfPrecisionFileLoadsIntoFloatParameters() {
    Map<String, NDArray> file = tinyFile(2);
    NamedBlock net = tinyNet();
    WeightLoader.load(net, save("half", file, StDtype.F16), NameMaps.torchvision(), true);
    // 0.1 is not a half: it comes back as 0x2E66 = 0.0999755859375.
    assertThat(values(net, "conv1.weight")[0]).isEqualTo(0.0999755859375f);
    assertThat(values(net, "bn1.running_var")[0]).isEqualTo(0.5f);
  }

  @Test
  void timmLayerScaleIsReshapedAndMlpRenamed() {
    NamedBlock cnBlock =
        new NamedBlock()
            .param("layer_scale", new Shape(4, 1, 1))
            .child(
                "block",
                new NamedBlock().child("3", Linear.builder().setUnits(8).build(), new Shape(1, 4)),
                new Shape(1));
    NamedBlock net =
        new NamedBlock()
            .child(
                "features",
                new NamedBlock()
                    .child("1", new NamedBlock().child("0", cnBlock, new Shape(1)), new Shape(1)),
                new Shape(1))
            .init(manager);
    assertThat(ParameterNames.torchNames(net).keySet())
        .containsExactly(
            "features.1.0.layer_scale", "features.1.0.block.3.weight", "features.1.0.block.3.bias");
    Map<String, NDArray> timm = new LinkedHashMap<>();
    timm.put("stages.0.blocks.0.gamma", manager.create(new float[] {1f, 2f, 3f, 4f}));
    timm.put("stages.0.blocks.0.mlp.fc1.weight", ramp(0, 8, 4));
    timm.put("stages.0.blocks.0.mlp.fc1.bias", ramp(1, 8));
    Path path = save("timm", timm, StDtype.BF16);

    String msg =
        MalformedFiles.error(() -> WeightLoader.load(net, path, NameMaps.torchvision(), false));
    assertThat(msg).contains("none of its 3 tensors");
    LoadReport report = WeightLoader.load(net, path, "auto", true);
    assertThat(report.format()).isEqualTo("timm");
    assertThat(report.loaded()).hasSize(3);
    NDArray scale = ParameterNames.torchNames(net).get("features.1.0.layer_scale").getArray();
    assertThat(scale.getShape()).isEqualTo(new Shape(4, 1, 1));
    assertThat(scale.toFloatArray()).containsExactly(1f, 2f, 3f, 4f);
    assertThat(values(net, "features.1.0.block.3.bias")[1])
        .isEqualTo(0.20019531f); // bf16(0.2f = 0x3E4CCCCD) = 0x3E4D
  }

  @Test
  void twoFileTensorsForOneParameterIsAnError() {
    Map<String, NDArray> file = tinyFile(2);
    file.put("module.fc.bias", ramp(0, 2));
    Path path = save("dup", file, StDtype.F32);
    assertThat(
            MalformedFiles.error(
                () -> WeightLoader.load(tinyNet(), path, NameMaps.torchvision(), false)))
        .contains(
            path.toString(), "'fc.bias' and 'module.fc.bias' both map to parameter 'fc.bias'");
  }
}
