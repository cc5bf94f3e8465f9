package org.fer4j.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @TempDir Path dir;

  @Test
  void readsLooseAndPackedRefsWithoutGit() throws Exception {
    Path git = Files.createDirectories(dir.resolve("repo/.git/refs/heads"));
    Files.writeString(dir.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(git.resolve("main"), "abc123\n");
    Path sub = Files.createDirectories(dir.resolve("repo/a/b"));
    assertThat(Provenance.gitCommit(sub)).contains("abc123");
    Files.delete(git.resolve("main"));
    Files.writeString(dir.resolve("repo/.git/packed-refs"), "# pack\ndef456 refs/heads/main\n");
    assertThat(Provenance.gitCommit(sub)).contains("def456");
    assertThat(Provenance.gitCommit(Files.createDirectories(dir.resolve("elsewhere")))).isEmpty();
  }

  @Test
  void readsTheHeadOfALinkedWorktree() throws Exception {
    // git worktree add: the worktree's .git is a file pointing into the main repository
    Path main = Files.createDirectories(dir.resolve("main/.git/refs/heads"));
    Files.writeString(main.resolve("study"), "feed42\n");
    Path linked = Files.createDirectories(dir.resolve("main/.git/worktrees/wt"));
    Files.writeString(linked.resolve("commondir"), "../..\n");
    Files.writeString(linked.resolve("HEAD"), "ref: refs/heads/study\n");
    Path wt = Files.createDirectories(dir.resolve("wt/src"));
    Files.writeString(dir.resolve("wt/.git"), "gitdir: " + linked.toAbsolutePath() + "\n");
    assertThat(Provenance.gitCommit(wt)).contains("feed42");
    Files.writeString(linked.resolve("HEAD"), "0123abcd\n"); // detached
    assertThat(Provenance.gitCommit(wt)).contains("0123abcd");
    Files.writeString(dir.resolve("wt/.git"), "not a gitdir line\n");
    assertThat(Provenance.gitCommit(wt)).isEmpty();
  }

  @Test
  void fingerprintChangesWithTheIndex() {
    String a = Provenance.fingerprint(List.of("img1 3 train", "img2 4 test"));
    assertThat(a).hasSize(64).isEqualTo(Provenance.fingerprint(List.of("img1 3 train", "img2 4 test")));
    assertThat(a).isNotEqualTo(Provenance.fingerprint(List.of("img1 3 train", "img2 5 test")));
  }

  @Test
  void recordsVersionsAndSeed() {
    Map<String, Object> p = Provenance.of(Engines.init(), 7, "f00");
    assertThat(p).containsEntry("seed", 7L).containsEntry("djl", org.fer4j.Fer4j.buildProperty("djl")).containsEntry("dataFingerprint", "f00");
    assertThat((String) p.get("pytorch")).startsWith(org.fer4j.Fer4j.buildProperty("pytorch"));
  }
}
