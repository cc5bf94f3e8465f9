package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer spark predict} shares predict's face flags, --classifier among them (issue #17). */
class SparkCommandTest {
  @TempDir Path tmp;

  @Test
  void unknownClassifierIsRefusedBeforeSparkStarts() {
    Object[] r = CliTest.run("spark", "predict", "--input", tmp.toString(), "--output", tmp.resolve("out").toString(),
        "--classifier", "vgg");
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("unknown classifier 'vgg'; choose faceapi, fer2013 or ensemble");
  }

  @Test
  void aRunAndAPretrainedClassifierAreOneChoiceTooMany() {
    Object[] r = CliTest.run("spark", "predict", "--input", tmp.toString(), "--output", tmp.resolve("out").toString(),
        "--run", tmp.toString(), "--classifier", "fer2013");
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("--classifier fer2013 and --run both choose the classifier");
  }

  @Test
  void theHelpListsTheSharedFaceFlags() {
    Object[] r = CliTest.run("spark", "predict", "--help");
    assertThat((String) r[1]).contains("--classifier=faceapi|fer2013|ensemble").contains("--input-size")
        .contains("--detector").contains("--min-score").contains("--weights").contains("--cache");
  }
}
