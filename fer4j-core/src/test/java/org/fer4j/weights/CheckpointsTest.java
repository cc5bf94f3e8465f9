package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fer4j.Fer4j;
import org.fer4j.engine.Engines;
import org.fer4j.models.ParameterNames;
import org.junit.jupiter.api.Test;

class CheckpointsTest extends ManagedTempDirTest {

  private NamedBlock net(long seed) {
    Engines.seed(seed);
    NamedBlock block =
        new NamedBlock()
            .child(
                "conv1",
                Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build(),
                new Shape(1, 3, 8, 8))
            .child("bn1", BatchNorm.builder().build(), new Shape(1, 4, 8, 8))
            .child("fc", Linear.builder().setUnits(3).build(), new Shape(1, 4))
            .init(manager);
    // Non-trivial running statistics, so a round trip that dropped them would show.
    ParameterNames.torchNames(block).get("bn1.running_mean").getArray().addi(seed);
    return block;
  }

  @Test
  void saveThenLoadGivesIdenticalParametersAndMetadata() {
    NamedBlock source = net(11);
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoints.save(source, file, Map.of("model", "tiny", "epoch", "3"));

    NamedBlock target = net(22);
    Map<String, String> meta = Checkpoints.load(target, file);
    assertThat(meta)
        .containsEntry("model", "tiny")
        .containsEntry("epoch", "3")
        .containsEntry("format", "pt")
        .containsEntry(Checkpoints.VERSION_KEY, Fer4j.version())
        .containsEntry(Checkpoints.NAMES_KEY, "torchvision");
    Map<String, Parameter> a = ParameterNames.torchNames(source);
    Map<String, Parameter> b = ParameterNames.torchNames(target);
    assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
    a.forEach(
        (name, p) ->
            assertThat(b.get(name).getArray().toFloatArray())
                .as(name)
                .containsExactly(p.getArray().toFloatArray()));
    assertThat(b.get("bn1.running_mean").getArray().toFloatArray()[0]).isEqualTo(11f);
    assertThat(Checkpoints.metadata(file)).isEqualTo(meta);
  }

  @Test
  void fileHasTorchvisionKeysAndABatchCounterPerBatchNorm() {
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoints.save(net(1), file, Map.of());
    try (Safetensors st = Safetensors.open(file)) {
      assertThat(st.names())
          .containsExactly(
              "conv1.weight",
              "conv1.bias",
              "bn1.weight",
              "bn1.bias",
              "bn1.running_mean",
              "bn1.running_var",
              "bn1.num_batches_tracked",
              "fc.weight",
              "fc.bias");
      TensorInfo counter = st.info("bn1.num_batches_tracked");
      assertThat(counter.dtype()).isEqualTo(StDtype.I64);
      assertThat(counter.shape()).isEmpty();
      assertThat(st.longs("bn1.num_batches_tracked")).containsExactly(0L);
      assertThat(st.info("conv1.weight").dtype()).isEqualTo(StDtype.F32);
      assertThat(st.info("conv1.weight").shape()).containsExactly(4, 3, 3, 3);
    }
  }

  @Test
  void bf16CheckpointIsHalfTheDataSize() throws IOException {
    Path f32 = dir.resolve("a.safetensors");
    Path bf16 = dir.resolve("b.safetensors");
    NamedBlock block = net(2);
    Checkpoints.save(block, f32, Map.of());
    Checkpoints.save(block, bf16, Map.of(), StDtype.BF16);
    long floats = 4 * 27 + 4 + 4 * 4 + 12 + 3; // conv w+b, bn x4, fc w+b
    try (Safetensors a = Safetensors.open(f32);
        Safetensors b = Safetensors.open(bf16)) {
      assertThat(a.floatingElementCount()).isEqualTo(floats);
      assertThat(Files.size(f32) - a.header().dataStart()).isEqualTo(floats * 4 + 8);
      assertThat(Files.size(bf16) - b.header().dataStart()).isEqualTo(floats * 2 + 8);
    }
  }

  @Test
  void aFailedSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoints.save(net(3), file, Map.of("epoch", "1"));
    byte[] before = Files.readAllBytes(file);
    NamedBlock uninitialised =
        new NamedBlock().child("fc", Linear.builder().setUnits(3).build(), new Shape(1, 4));
    assertThat(
            MalformedFiles.error(() -> Checkpoints.save(uninitialised, file, Map.of("epoch", "2"))))
        .contains(file.toString(), "fc.weight is not initialised");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()).toList())
          .containsExactly("ckpt.safetensors");
    }
  }

  @Test
  void loadingAnotherModelsCheckpointIsStrict() {
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoints.save(net(4), file, Map.of());
    NamedBlock other =
        new NamedBlock()
            .child(
                "conv1",
                Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build(),
                new Shape(1, 3, 8, 8))
            .child("fc", Linear.builder().setUnits(5).build(), new Shape(1, 4))
            .init(manager);
    assertThat(MalformedFiles.error(() -> Checkpoints.load(other, file)))
        .contains(
            "4 unexpected in the file: bn1.weight, bn1.bias, bn1.running_mean, bn1.running_var")
        .contains("fc.weight file (3, 4) model (5, 4)");
  }
}
