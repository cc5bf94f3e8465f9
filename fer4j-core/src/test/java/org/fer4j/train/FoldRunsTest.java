package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;

class FoldRunsTest {
  @TempDir Path dir;

  @Test
  void foldListsParse() {
    assertThat(FoldRuns.parse("1-5")).containsExactly(1, 2, 3, 4, 5);
    assertThat(FoldRuns.parse("5,1, 3")).containsExactly(1, 3, 5);
    assertThat(FoldRuns.parse("2-3,8")).containsExactly(2, 3, 8);
    for (String bad : List.of("0-2", "3-1", "a", "")) {
      assertThatThrownBy(() -> FoldRuns.parse(bad)).isInstanceOf(FerException.class).hasMessageContaining("1-5");
    }
  }

  @Test
  void eachFoldGetsTheReaderFoldSettingAndThePlanRoundTrips() throws Exception {
    TrainConfig base = TrainConfigs.load(Path.of("..", "recipes", "gcsa_cai-dfew.json"), List.of());
    TrainConfig f3 = FoldRuns.forFold(base, 3);
    assertThat(f3.data().options()).containsEntry("fold", "3").containsEntry("frames", "auto");
    assertThat(f3.model()).isEqualTo(base.model());
    Path parent = FoldRuns.createParent(dir, base, List.of(1, 2, 3, 4, 5));
    assertThat(parent.getFileName().toString()).startsWith("gcsa_cai-dfew-");
    FoldRuns.Plan plan = FoldRuns.readPlan(parent);
    assertThat(plan.folds()).containsExactly(1, 2, 3, 4, 5);
    assertThat(plan.base()).isEqualTo(base);
    assertThat(FoldRuns.isParent(parent)).isTrue();
    assertThat(FoldRuns.existingFolds(parent)).isEmpty();
    Files.createDirectories(FoldRuns.foldDir(parent, 2));
    Files.writeString(FoldRuns.foldDir(parent, 2).resolve("config.json"), "{}");
    assertThat(FoldRuns.existingFolds(parent)).containsExactly(2);
  }

  @Test
  void aFormatWithoutFoldsIsRejected() {
    TrainConfig raf = TrainConfigs.load(Path.of("..", "recipes", "aglf-rafdb.json"), List.of());
    assertThatThrownBy(() -> FoldRuns.forFold(raf, 1))
        .isInstanceOf(FerException.class).hasMessageContaining("rafdb has no folds");
  }
}
