package org.fer4j.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameMapsTest {

  /** A synthetic timm ConvNeXt state dict (two stages) and the torchvision key each must become. */
  private static Map<String, String> timmConvNextKeys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("stem.0.weight", "features.0.0.weight");
    m.put("stem.1.bias", "features.0.1.bias");
    m.put("stages.0.blocks.0.gamma", "features.1.0.layer_scale");
    m.put("stages.0.blocks.0.conv_dw.weight", "features.1.0.block.0.weight");
    m.put("stages.0.blocks.0.norm.weight", "features.1.0.block.2.weight");
    m.put("stages.0.blocks.2.mlp.fc1.weight", "features.1.2.block.3.weight");
    m.put("stages.0.blocks.2.mlp.fc2.bias", "features.1.2.block.5.bias");
    m.put("stages.1.downsample.0.weight", "features.2.0.weight");
    m.put("stages.1.downsample.1.bias", "features.2.1.bias");
    m.put("stages.3.downsample.1.weight", "features.6.1.weight");
    m.put("stages.3.blocks.2.mlp.fc2.weight", "features.7.2.block.5.weight");
    m.put("stages.2.blocks.8.gamma", "features.5.8.layer_scale");
    m.put("head.norm.weight", "classifier.0.weight");
    m.put("head.fc.weight", "classifier.2.weight");
    m.put("head.fc.bias", "classifier.2.bias");
    return m;
  }

  @Test
  void timmConvNextNamesBecomeTorchvisionNames() {
    NameMap timm = NameMaps.timm();
    timmConvNextKeys().forEach((k, v) -> assertThat(timm.map(k)).as(k).contains(v));
  }

  @Test
  void onlyTimmLayerScaleMayBeReshaped() {
    NameMap timm = NameMaps.timm();
    assertThat(timm.reshapeAllowed("stages.2.blocks.8.gamma")).isTrue();
    assertThat(timm.reshapeAllowed("module.stages.0.blocks.0.gamma")).isTrue();
    assertThat(timm.reshapeAllowed("stages.0.blocks.0.conv_dw.weight")).isFalse();
    assertThat(timm.reshapeAllowed("head.fc.weight")).isFalse();
    assertThat(NameMaps.torchvision().reshapeAllowed("stages.2.blocks.8.gamma")).isFalse();
  }

  @Test
  void timmResNetNamesAreTorchvisionNames() {
    NameMap timm = NameMaps.timm();
    for (String k : List.of("conv1.weight", "bn1.running_var", "layer3.1.downsample.0.weight", "fc.bias")) {
      assertThat(timm.map(k)).contains(k);
    }
  }

  @Test
  void batchCounterIsDroppedAndDataParallelPrefixStripped() {
    for (NameMap map : List.of(NameMaps.torchvision(), NameMaps.timm())) {
      assertThat(map.map("layer1.0.bn1.num_batches_tracked")).isEmpty();
      assertThat(map.map("num_batches_tracked")).isEmpty();
      assertThat(map.map("module.layer1.0.bn1.weight")).contains("layer1.0.bn1.weight");
    }
    assertThat(NameMaps.timm().map("module.stem.0.weight")).contains("features.0.0.weight");
  }

  @Test
  void torchvisionMapIsIdentity() {
    assertThat(NameMaps.torchvision().map("features.1.0.layer_scale")).contains("features.1.0.layer_scale");
    assertThat(NameMaps.torchvision().map("stem.0.weight")).contains("stem.0.weight");
  }

  @Test
  void stageZeroDownsampleIsNotInventedForTimm() {
    // timm's patch-stem ConvNeXt has no stages.0.downsample; such a key stays unmapped (unexpected).
    assertThat(NameMaps.timm().map("stages.0.downsample.1.weight")).contains("stages.0.downsample.1.weight");
  }

  @Test
  void autoDetectsTimmByItsModuleNames() {
    assertThat(NameMaps.detect(timmConvNextKeys().keySet()).name()).isEqualTo("timm");
    assertThat(NameMaps.detect(List.of("module.head.fc.weight")).name()).isEqualTo("timm");
    assertThat(NameMaps.detect(List.of("conv1.weight", "fc.weight")).name()).isEqualTo("torchvision");
    assertThat(NameMaps.detect(List.of("features.0.0.weight")).name()).isEqualTo("torchvision");
    assertThat(NameMaps.forFormat("auto", List.of("stem.0.weight")).name()).isEqualTo("timm");
    assertThat(NameMaps.forFormat("torchvision", List.of("stem.0.weight")).name()).isEqualTo("torchvision");
  }

  @Test
  void unknownFormatListsTheValidOnes() {
    assertThat(MalformedFiles.error(() -> NameMaps.forFormat("keras", List.of())))
        .contains("unknown weights format 'keras'", "torchvision, timm, auto");
  }
}
