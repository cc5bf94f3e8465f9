package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.testing.ReferencePython;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-step training parity with PyTorch: {@code tools/reference/trajectory.py} trains each
 * case's reference model with torch.optim for 20 steps (4 epochs of 5 batches) and writes its
 * batches, initial weights, per-step loss and learning rate and final state; fer4j trains the same
 * recipe through its own {@link TrainingLoop} ({@link TrajectoryCase}) and every figure must agree
 * within {@link TrajectoryComparison}'s tolerances. The printed line per case gives the worst
 * differences (docs/training.md quotes them). {@code PlantedBugTest} shows the comparison fails
 * when one rule differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrajectoryParityTest {
  static final List<String> CASES = List.of("resnet18_ls_ema_clip", "gcsa_cai_sgd",
      "aglf_joint_adamw", "faer_center_adamw", "faer_focal_adamw", "lnlj_features",
      "lnlj_logits", "lnlj_losses");

  private Path out;

  /** Set to a folder the harness already wrote, to iterate on the Java side without re-running it. */
  private static final String PREWRITTEN = "fer4j.trajectory.dir";

  @BeforeAll
  void runReference() throws IOException {
    String prewritten = System.getProperty(PREWRITTEN);
    out = prewritten != null ? Path.of(prewritten) : export(CASES);
  }

  /** Runs the harness for some cases; null when torch is missing and parity is not required. */
  static Path export(List<String> cases) throws IOException {
    if (ReferencePython.skipReason("trajectory parity", "torch, torchvision") != null) {
      return null;
    }
    Engines.init(EngineOptions.defaults().withThreads(1));
    Path dir = Files.createTempDirectory("fer4j-trajectory");
    ReferencePython.runScript("tools/reference/trajectory.py",
        List.of(dir.toString(), "--float64", "--cases", String.join(",", cases)), 900);
    return dir;
  }

  static void delete(Path dir) throws IOException {
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @AfterAll
  void cleanUp() throws IOException {
    if (System.getProperty(PREWRITTEN) == null) {
      delete(out);
    }
  }

  /**
   * GCA+IAL's public code keeps the layer-3 auxiliary head in the loss at weight 0, so torch gives
   * it a zero gradient and SGD still decays it; fer4j (no such term) must do the same. The head's
   * path does not depend on the rest of the run, so it is compared in full.
   */
  @Test
  void theZeroWeightAuxiliaryHeadIsDecayedAsInPyTorch() throws IOException {
    TrajectoryCase c = replayable("gcsa_cai_sgd");
    TrajectoryCase.Run run = replay(c);
    for (String t : List.of("layer3.attn.aux1.weight", "layer3.attn.aux2.weight",
        "layer3.attn.aux1.weight/momentum")) {
      assertThat(TrajectoryComparison.tensorDifference(c, run, t)).as(t)
          .isLessThanOrEqualTo(TrajectoryComparison.STATE_TOLERANCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"resnet18_ls_ema_clip", "gcsa_cai_sgd", "aglf_joint_adamw",
      "faer_center_adamw", "faer_focal_adamw", "lnlj_features", "lnlj_logits", "lnlj_losses"})
  void trainsStepForStepAsPyTorch(String name) throws IOException {
    TrajectoryCase c = replayable(name);
    TrajectoryComparison.Result r = TrajectoryComparison.compare(c, replay(c));
    assertThat(r.tensors()).as("tensors compared").isGreaterThan(10);
    assertThat(r.failures()).as(r.summary(name)).isEmpty();
  }

  private TrajectoryCase replayable(String name) throws IOException {
    Assumptions.assumeTrue(out != null, "no torch and FER4J_REQUIRE_PARITY unset");
    Assumptions.assumeTrue(Files.isDirectory(out.resolve(name)), name + " was not written");
    return new TrajectoryCase(out.resolve(name));
  }

  /** fer4j's run of a case; prints the full comparison (docs/training.md quotes it). */
  private static TrajectoryCase.Run replay(TrajectoryCase c) throws IOException {
    TrajectoryCase.Run run = c.run(TrajectoryCase.Overrides.NONE);
    System.out.println(TrajectoryComparison.compare(c, run).summary(c.name));
    if (System.getProperty(PREWRITTEN) != null) { // while iterating: what fer4j computed, for a closer look
      TrajectoryCase.dump(c, run);
    }
    return run;
  }
}
