package org.fer4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.run.TrainedModel;

/**
 * What {@code GET /api/v1/models} tells about a served run: its folder name, architecture,
 * classes, input size, checkpoint and how it was chosen, and the run's own {@code config.json}
 * (training config and provenance: fer4j version, git commit, engine, seed, data fingerprint).
 * The data root is left out: it is a path on the server's disk, not the client's business.
 */
final class RunProvenance {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunProvenance() {}

  static Map<String, Object> of(TrainedModel run) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", String.valueOf(run.run().path().getFileName()));
    out.put("architecture", run.spec().name());
    out.put("citation", run.spec().citation());
    out.put("classes", run.labels().classes());
    out.put("inputSize", run.preprocess().width());
    out.put("checkpoint", String.valueOf(run.weightsFile().getFileName()));
    out.put("selection", run.selectionRule());
    out.put("weights", "trained by the server's owner with ./fer train; licence as their data allows");
    try {
      JsonNode doc = JSON.readTree(run.run().path().resolve("config.json").toFile());
      if (doc.path("config").path("data") instanceof ObjectNode data) {
        data.remove("root");
      }
      out.put("config", doc.path("config"));
      out.put("provenance", doc.path("provenance"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run's config.json: " + e.getMessage(), e);
    }
    return out;
  }
}
