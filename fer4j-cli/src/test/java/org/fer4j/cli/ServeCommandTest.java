package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.fer4j.FerException;
import org.junit.jupiter.api.Test;

/** {@code fer serve} refuses bad options before it binds a port, with the fix in the message. */
class ServeCommandTest {
  @Test
  void folderThatIsNotARunIsRefusedWithTheAlternative() {
    Object[] r = CliTest.run("serve", "--model", "runs/my-run", "--port", "0");
    assertThat(r[0]).isEqualTo(FerException.Kind.NOT_FOUND.exitCode());
    assertThat((String) r[2]).contains("--model runs/my-run: not a training run folder (no config.json)")
        .contains("--model pretrained");
  }

  @Test
  void outOfRangePortNamesTheField() {
    Object[] r = CliTest.run("serve", "--port", "70000");
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("server port must be in 0..65535 (0 = any free port), was 70000");
  }

  @Test
  void unknownDetectorIsRefused() {
    Object[] r = CliTest.run("serve", "--detector", "big", "--port", "0");
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("--detector must be tiny or ssd, was 'big'");
  }

  @Test
  void unknownClassifierIsRefused() {
    Object[] r = CliTest.run("serve", "--classifier", "vgg", "--port", "0");
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("unknown classifier 'vgg'; choose faceapi, fer2013 or ensemble");
  }

  @Test
  void fer2013WithoutHumansModelsSaysHowToPullThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
    Object[] r = CliTest.run("serve", "--classifier", "fer2013", "--cache", empty.toString(), "--port", "0");
    assertThat(r[0]).isEqualTo(FerException.Kind.ENVIRONMENT.exitCode());
    assertThat((String) r[2]).contains("emotion.json").contains("./fer models pull human");
  }

  @Test
  void helpListsTheLimits() {
    Object[] r = CliTest.run("serve", "--help");
    assertThat(r[0]).isEqualTo(0);
    assertThat((String) r[1]).contains("--max-upload-mb").contains("--max-megapixels").contains("--queue")
        .contains("--timeout").contains("(default: 127.0.0.1)");
  }
}
