package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document against the handlers: every documented route answers with a
 * documented status and content type, its JSON body has the documented required fields, and
 * every route the server has is documented.
 */
class OpenApiContractTest {
  private static FerServer server;
  private static Http http;
  private static JsonNode doc;
  private static ScriptedAnalyzer analyzer;

  @BeforeAll
  static void start() throws Exception {
    analyzer = new ScriptedAnalyzer(false);
    server = FerServer.start(ServerConfig.builder().optPort(0).build(), () -> analyzer);
    assertThat(server.awaitModel(Duration.ofSeconds(10))).isTrue();
    http = new Http(server.port());
    doc = Http.json(http.get("/api/v1/openapi.json"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void documentedRoutesAreExactlyTheServersRoutes() {
    Set<String> documented = new HashSet<>();
    doc.path("paths").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(FerServer.API_ROUTES);
  }

  @Test
  void everyDocumentedOperationAnswersAsDocumented() {
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        HttpResponse<String> r = call(op.getKey(), path.getKey());
        JsonNode documented = op.getValue().path("responses").path(Integer.toString(r.statusCode()));
        assertThat(documented.isMissingNode()).as(op.getKey() + " " + path.getKey() + " answered undocumented " + r.statusCode()).isFalse();
        checkBody(path.getKey(), resolve(documented), r);
        checked.add(op.getKey() + " " + path.getKey() + " " + r.statusCode());
      }
    }
    assertThat(checked).containsExactlyInAnyOrder(
        "post /api/v1/analyze 200", "post /api/v1/analyze/batch 200", "get /api/v1/models 200",
        "get /api/v1/openapi.json 200", "get /health 200", "get /ready 200", "get /metrics 200");
  }

  @Test
  void documentedErrorStatusesCarryTheErrorSchema() {
    JsonNode analyze = doc.path("paths").path("/api/v1/analyze").path("post").path("responses");
    HttpResponse<String> r = http.post("/api/v1/analyze", "text/plain", new byte[] {1});
    assertThat(analyze.has(Integer.toString(r.statusCode()))).isTrue();
    checkBody("/api/v1/analyze", resolve(analyze.path(Integer.toString(r.statusCode()))), r);
    assertThat(Http.json(r).path("error").asText()).isEqualTo("unsupported_media_type");
  }

  @Test
  void explainIsDocumentedWith501WhenUnavailableAndTheOverlayFieldsWhenServed() throws Exception {
    JsonNode analyze = doc.path("paths").path("/api/v1/analyze").path("post");
    boolean documented = false;
    for (JsonNode p : analyze.path("parameters")) {
      documented |= p.path("name").asText().equals("explain") && p.path("schema").path("type").asText().equals("boolean");
    }
    assertThat(documented).as("explain query parameter documented").isTrue();
    byte[] png = TestImages.png(16, 16);
    analyzer.explainable = false;
    HttpResponse<String> refused = http.postFiles("/api/v1/analyze?explain=true", List.of(Map.entry("face.png", png)));
    assertThat(refused.statusCode()).isEqualTo(501);
    checkBody("/api/v1/analyze", resolve(analyze.path("responses").path("501")), refused);
    assertThat(Http.json(refused).path("error").asText()).isEqualTo("explain_unavailable");
    analyzer.explainable = true;
    try {
      HttpResponse<String> ok = http.postFiles("/api/v1/analyze?explain=true", List.of(Map.entry("face.png", png)));
      assertThat(ok.statusCode()).isEqualTo(200);
      checkBody("/api/v1/analyze", resolve(analyze.path("responses").path("200")), ok);
      JsonNode face = Http.json(ok).path("faces").get(0);
      JsonNode schema = resolve(doc.path("components").path("schemas").path("Face").path("properties").path("gradCamInfo"));
      for (JsonNode field : schema.path("required")) {
        assertThat(face.path("gradCamInfo").has(field.asText())).as("gradCamInfo lacks " + field).isTrue();
      }
      java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(
          new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(face.path("gradCam").asText())));
      assertThat(overlay.getWidth()).isEqualTo(24);
      assertThat(overlay.getHeight()).isEqualTo(16);
      assertThat(overlay.getRGB(0, 8)).as("cold left and hot right differ").isNotEqualTo(overlay.getRGB(23, 8));
      assertThat(face.path("gradCamInfo").path("method").asText()).isEqualTo("Grad-CAM");
      HttpResponse<String> plain = http.postFiles("/api/v1/analyze", List.of(Map.entry("face.png", png)));
      assertThat(Http.json(plain).path("faces").get(0).has("gradCam")).as("no overlay unless asked").isFalse();
    } finally {
      analyzer.explainable = false;
    }
  }

  private HttpResponse<String> call(String method, String path) {
    if (method.equals("get")) {
      return http.get(path);
    }
    return http.postFiles(path, List.of(Map.entry("face.png", TestImages.png(16, 16))));
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.path("$ref");
    if (ref.isMissingNode()) {
      return node;
    }
    JsonNode target = doc;
    for (String part : ref.asText().substring(2).split("/")) {
      target = target.path(part);
    }
    return resolve(target);
  }

  // The answer's content type must be a documented one; JSON bodies must hold the required fields.
  private void checkBody(String path, JsonNode response, HttpResponse<String> r) {
    String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    JsonNode content = response.path("content");
    assertThat(content.has(type)).as(path + " answered " + type + ", documented " + content).isTrue();
    if (type.equals("application/json")) {
      JsonNode schema = resolve(content.path(type).path("schema"));
      JsonNode body = Http.json(r);
      for (JsonNode field : schema.path("required")) {
        assertThat(body.has(field.asText())).as(path + " body lacks required " + field).isTrue();
      }
      if (schema.path("properties").path("faces").isObject()) {
        JsonNode face = resolve(schema.path("properties").path("faces").path("items"));
        for (JsonNode field : face.path("required")) {
          assertThat(body.path("faces").get(0).has(field.asText())).as("face lacks " + field).isTrue();
          // Objects inside a face (pose, openness) must hold their own required fields.
          for (JsonNode inner : resolve(face.path("properties").path(field.asText())).path("required")) {
            assertThat(body.path("faces").get(0).path(field.asText()).path(inner.asText()).isNumber())
                .as("face." + field.asText() + " lacks number " + inner).isTrue();
          }
        }
      }
    } else {
      assertThat(r.body()).contains("# TYPE fer4j_http_requests_total counter");
    }
  }
}
