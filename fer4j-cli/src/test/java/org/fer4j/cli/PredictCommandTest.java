package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
  @TempDir Path tmp;

  private static Path weightsOrSkip() {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path sample = FaceApiPackage.demoDir(cache).resolve("sample1.jpg");
    if (!Files.isRegularFile(sample) || !Files.isDirectory(FaceApiPackage.weightsDir(cache))) {
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        throw new AssertionError("face-api weights/photos missing under " + cache + "; run tools/golden/setup.sh");
      }
      Assumptions.abort("face-api weights not in the cache; run ./fer models pull");
    }
    return cache;
  }

  @Test
  void missingWeightsExitWithEnvironmentCode() {
    int code = Main.run("predict", "--weights", tmp.resolve("none").toString(), "x.jpg");
    assertThat(code).isEqualTo(5);
  }

  @Test
  void jsonLinesWithOneRecordPerInputAndFailureExitCode() throws Exception {
    Path cache = weightsOrSkip();
    Path broken = tmp.resolve("broken.jpg");
    Files.writeString(broken, "not a jpeg");
    Path out = tmp.resolve("out.jsonl");
    Path annotated = tmp.resolve("annotated");
    int code = Main.run(
        "predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1", "-o", out.toString(),
        "--annotate", annotated.toString(),
        FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString(), broken.toString(),
        tmp.resolve("missing.jpg").toString());
    assertThat(code).as("some inputs failed").isEqualTo(3);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.path("ok").asBoolean()).isTrue();
    // face-api's tiny detector finds three faces in sample1.jpg (golden output)
    assertThat(first.path("faces")).hasSize(3);
    JsonNode face = first.path("faces").get(0);
    assertThat(face.path("landmarks")).hasSize(68);
    assertThat(face.path("expressions").size()).isEqualTo(7);
    double sum = 0;
    for (JsonNode p : face.path("expressions")) {
      sum += p.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(json.readTree(lines.get(1)).path("error").asText()).contains("broken.jpg");
    assertThat(json.readTree(lines.get(2)).path("error").asText()).contains("missing.jpg").contains("does not exist");
    assertThat(annotated.resolve("sample1.png")).exists();
  }

  @Test
  void csvHasAHeaderAndOneRowPerFace() throws Exception {
    Path cache = weightsOrSkip();
    Path out = tmp.resolve("out.csv");
    int code = Main.run(
        "predict", "--cache", cache.toString(), "--format", "csv", "--threads", "1", "-o", out.toString(),
        FaceApiPackage.demoDir(cache).resolve("sample2.jpg").toString());
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).startsWith("source,face,score,x,y,width,height,expression,p_surprise");
    assertThat(lines).hasSize(2); // sample2.jpg holds one face
    assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",").length);
  }

  @Test
  void foldersAndGlobsExpandToSortedImages() throws Exception {
    Files.createDirectories(tmp.resolve("a/b"));
    for (String f : List.of("a/2.jpg", "a/1.png", "a/b/3.jpg", "a/notes.txt")) {
      Files.writeString(tmp.resolve(f), "x");
    }
    InputPaths.Expansion folder = InputPaths.expand(List.of(tmp.resolve("a").toString()));
    assertThat(folder.many()).isTrue();
    assertThat(folder.files()).containsExactly(tmp.resolve("a/1.png"), tmp.resolve("a/2.jpg"), tmp.resolve("a/b/3.jpg"));
    InputPaths.Expansion glob = InputPaths.expand(List.of(tmp.resolve("a").toString() + "/*.jpg"));
    assertThat(glob.files()).containsExactly(tmp.resolve("a/2.jpg"));
    InputPaths.Expansion single = InputPaths.expand(List.of(tmp.resolve("a/2.jpg").toString()));
    assertThat(single.many()).isFalse();
  }
}
