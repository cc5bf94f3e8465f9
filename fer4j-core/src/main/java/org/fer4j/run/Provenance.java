package org.fer4j.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fer4j.Fer4j;
import org.fer4j.engine.EngineInfo;

/**
 * Where a run came from, saved beside its config (Tribuo-style provenance): fer4j version and git
 * commit, engine versions, seed, and a fingerprint of the data set's index.
 */
public final class Provenance {
  private Provenance() {}

  /** The facts as an ordered map, ready for JSON. */
  public static Map<String, Object> of(EngineInfo engine, long seed, String dataFingerprint) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("fer4j", Fer4j.version());
    p.put("gitCommit", gitCommit(Path.of("").toAbsolutePath()).orElse("unknown"));
    p.put("djl", engine.djlVersion());
    p.put("pytorch", engine.engineVersion());
    p.put("java", System.getProperty("java.version"));
    p.put("threads", engine.intraOpThreads());
    p.put("seed", seed);
    p.put("dataFingerprint", dataFingerprint);
    p.put("createdUtc", java.time.Instant.now().toString());
    return p;
  }

  /**
   * The commit checked out in the repository containing {@code start}, read from the
   * {@code .git} files directly (no git process), or empty outside a repository.
   */
  public static Optional<String> gitCommit(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path git = dir.resolve(".git");
      if (Files.isDirectory(git)) {
        return readHead(git, git);
      }
      if (Files.isRegularFile(git)) {
        return worktreeHead(dir, git);
      }
    }
    return Optional.empty();
  }

  /**
   * A linked worktree (or submodule) has a {@code .git} file, {@code gitdir: PATH}; its HEAD is in
   * that folder and its branches in the main repository's, named by the {@code commondir} file.
   */
  private static Optional<String> worktreeHead(Path dir, Path gitFile) {
    try {
      String line = Files.readString(gitFile).trim();
      if (!line.startsWith("gitdir: ")) {
        return Optional.empty();
      }
      Path gitDir = dir.resolve(line.substring(8).trim()).normalize();
      Path commonFile = gitDir.resolve("commondir");
      Path common = Files.exists(commonFile)
          ? gitDir.resolve(Files.readString(commonFile).trim()).normalize() : gitDir;
      return readHead(gitDir, common);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> readHead(Path git, Path refs) {
    try {
      String head = Files.readString(git.resolve("HEAD")).trim();
      if (!head.startsWith("ref: ")) {
        return Optional.of(head);
      }
      String ref = head.substring(5);
      Path loose = refs.resolve(ref);
      if (Files.exists(loose)) {
        return Optional.of(Files.readString(loose).trim());
      }
      Path packed = refs.resolve("packed-refs");
      if (Files.exists(packed)) {
        for (String line : Files.readAllLines(packed)) {
          if (line.endsWith(" " + ref)) {
            return Optional.of(line.substring(0, line.indexOf(' ')));
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * SHA-256 over the given lines (e.g. "id label split" of every sample, in order): two runs with
   * the same fingerprint saw the same index. Image bytes are not hashed (too slow for 300k images).
   */
  public static String fingerprint(List<String> lines) {
    MessageDigest md = sha256();
    for (String l : lines) {
      md.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update((byte) '\n');
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** SHA-256 of a file's bytes, streamed. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
