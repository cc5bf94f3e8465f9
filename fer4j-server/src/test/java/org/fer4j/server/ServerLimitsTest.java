package org.fer4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real server on a free loopback port, with a scripted analyser so every limit can be hit
 * on purpose: sizes, pixels, sniffing, content types, queue, timeout, errors, shutdown.
 */
class ServerLimitsTest {
  private FerServer server;

  private Http start(ServerConfig.Builder config, Analyzer analyzer) throws Exception {
    server = FerServer.start(config.optHost("127.0.0.1").optPort(0).build(), () -> analyzer);
    assertThat(server.awaitModel(Duration.ofSeconds(10))).isTrue();
    return new Http(server.port());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode body = Http.json(r);
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static void assertStillServes(Http http) {
    HttpResponse<String> r = http.post("/api/v1/analyze", "image/png", TestImages.png(20, 10));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void rawAndMultipartImagesReachTheAnalyser() throws Exception {
    Http http = start(ServerConfig.builder(), new ScriptedAnalyzer(false));
    JsonNode raw = Http.json(http.post("/api/v1/analyze", "image/png", TestImages.png(20, 10)));
    assertThat(raw.path("source").asText()).isEqualTo("body");
    assertThat(raw.path("width").asInt()).isEqualTo(20);
    assertThat(raw.path("height").asInt()).isEqualTo(10);
    assertThat(raw.path("model").asText()).isEqualTo("scripted");
    // Half the pixels are pure red: mean red level 127.5 / 255 = 0.5.
    assertThat(raw.path("faces").get(0).path("expressions").path("Happiness").asDouble()).isEqualTo(0.5);
    JsonNode part = Http.json(http.postFiles("/api/v1/analyze", List.of(Map.entry("dir/me.jpg", TestImages.jpeg(32, 16)))));
    assertThat(part.path("source").asText()).isEqualTo("me.jpg");
    assertThat(part.path("faces").get(0).path("box").path("width").asDouble()).isEqualTo(32.0);
  }

  @Test
  void everyBadInputGetsItsStatusAndTheServerGoesOn() throws Exception {
    Http http = start(ServerConfig.builder().optMaxUploadBytes(64 * 1024).optMaxPixels(1_000_000), new ScriptedAnalyzer(false));
    assertError(http.post("/api/v1/analyze", "image/jpeg", new byte[0]), 400, "empty_body");
    assertStillServes(http);
    assertError(http.post("/api/v1/analyze", "image/jpeg", TestImages.truncatedJpeg()), 400, "undecodable_image");
    assertStillServes(http);
    assertError(http.post("/api/v1/analyze", "image/png", TestImages.pngHeaderDeclaring(50_000, 50_000)), 413, "too_many_pixels");
    assertStillServes(http);
    assertError(http.post("/api/v1/analyze", "text/plain", TestImages.png(8, 8)), 415, "unsupported_media_type");
    assertError(http.post("/api/v1/analyze", null, TestImages.png(8, 8)), 415, "unsupported_media_type");
    assertStillServes(http);
    byte[] text = "this is not a photo".getBytes(StandardCharsets.UTF_8);
    assertError(http.postFiles("/api/v1/analyze", List.of(Map.entry("holiday.jpg", text))), 415, "not_an_image");
    assertStillServes(http);
    assertError(http.post("/api/v1/analyze", "image/png", new byte[70 * 1024]), 413, "payload_too_large");
    assertError(http.postChunked("/api/v1/analyze", "image/png", new byte[70 * 1024]), 413, "payload_too_large");
    assertThat(Http.json(http.postChunked("/api/v1/analyze", "image/png", TestImages.png(6, 6))).path("width").asInt()).isEqualTo(6);
    assertError(http.postFiles("/api/v1/analyze", List.of(Map.entry("big.png", new byte[70 * 1024]))), 413, "payload_too_large");
    assertStillServes(http);
    assertError(http.post("/api/v1/analyze", "multipart/form-data; boundary=x", "garbage".getBytes(StandardCharsets.UTF_8)), 400, "bad_multipart");
    assertError(http.post("/api/v1/analyze?explain=maybe", "image/png", TestImages.png(8, 8)), 400, "bad_parameter");
    assertError(http.post("/api/v1/analyze?explain=true", "image/png", TestImages.png(8, 8)), 501, "explain_unavailable");
    assertError(http.get("/no/such/route"), 404, "not_found");
    assertError(http.get("/api/v1/analyze"), 405, "method_not_allowed");
    assertStillServes(http);
  }

  @Test
  void batchReportsBadImagesAndAnalysesTheRest() throws Exception {
    Http http = start(ServerConfig.builder().optMaxBatchImages(3), new ScriptedAnalyzer(false));
    JsonNode body = Http.json(http.postFiles("/api/v1/analyze/batch", List.of(
        Map.entry("a.png", TestImages.png(12, 6)),
        Map.entry("b.jpg", "text".getBytes(StandardCharsets.UTF_8)),
        Map.entry("c.png", TestImages.png(30, 30)))));
    assertThat(body.path("count").asInt()).isEqualTo(3);
    assertThat(body.path("failed").asInt()).isEqualTo(1);
    JsonNode results = body.path("results");
    assertThat(results.get(0).path("width").asInt()).isEqualTo(12);
    assertThat(results.get(1).path("ok").asBoolean()).isFalse();
    assertThat(results.get(1).path("status").asInt()).isEqualTo(415);
    assertThat(results.get(1).path("error").asText()).isEqualTo("not_an_image");
    assertThat(results.get(2).path("width").asInt()).isEqualTo(30);
    byte[] png = TestImages.png(4, 4);
    assertError(http.postFiles("/api/v1/analyze/batch", List.of(Map.entry("1.png", png), Map.entry("2.png", png),
        Map.entry("3.png", png), Map.entry("4.png", png))), 413, "too_many_images");
    assertError(http.postFiles("/api/v1/analyze", List.of(Map.entry("1.png", png), Map.entry("2.png", png))), 400, "one_image_expected");
  }

  @Test
  void fullQueueAnswers503WithRetryAfterAndRecovers() throws Exception {
    ScriptedAnalyzer analyzer = new ScriptedAnalyzer(true);
    Http http = start(ServerConfig.builder().optWorkers(1).optQueueCapacity(1), analyzer);
    byte[] png = TestImages.png(8, 8);
    CompletableFuture<HttpResponse<String>> running = http.postAsync("/api/v1/analyze", "image/png", png);
    waitFor(() -> analyzer.started.get() == 1);
    CompletableFuture<HttpResponse<String>> queued = http.postAsync("/api/v1/analyze", "image/png", png);
    waitFor(() -> metricValue(http, "fer4j_queue_depth") == 1);
    HttpResponse<String> refused = http.post("/api/v1/analyze", "image/png", png);
    assertError(refused, 503, "busy");
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    analyzer.gate.countDown();
    assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(queued.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertStillServes(http);
    String metrics = http.get("/metrics").body();
    assertThat(metrics).contains("fer4j_http_requests_total{method=\"POST\",route=\"/api/v1/analyze\",status=\"503\"} 1");
    assertThat(metrics).contains("fer4j_http_requests_total{method=\"POST\",route=\"/api/v1/analyze\",status=\"200\"} 3");
    assertThat(metrics).contains("fer4j_http_request_duration_seconds_count{route=\"/api/v1/analyze\"} 4");
    assertThat(metrics).contains("fer4j_images_analysed_total 3");
  }

  @Test
  void slowAnalysisTimesOutWith504() throws Exception {
    ScriptedAnalyzer analyzer = new ScriptedAnalyzer(true);
    Http http = start(ServerConfig.builder().optRequestTimeout(Duration.ofMillis(300)), analyzer);
    assertError(http.post("/api/v1/analyze", "image/png", TestImages.png(8, 8)), 504, "timeout");
    analyzer.gate.countDown();
    assertStillServes(http);
  }

  @Test
  void analyserCrashIsA500WithoutInternals() throws Exception {
    ScriptedAnalyzer analyzer = new ScriptedAnalyzer(false);
    analyzer.failure = new IllegalStateException("secret internal state /home/someone/x");
    Http http = start(ServerConfig.builder(), analyzer);
    HttpResponse<String> r = http.post("/api/v1/analyze", "image/png", TestImages.png(8, 8));
    assertError(r, 500, "internal");
    assertThat(r.body()).doesNotContain("secret").doesNotContain("/home");
  }

  @Test
  void notReadyUntilTheModelLoadsAndAFailedLoadSaysWhy() throws Exception {
    java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
    server = FerServer.start(ServerConfig.builder().optPort(0).build(), () -> {
      try {
        loading.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw org.fer4j.FerException.notFound("face-api weights not found in the cache; run ./fer models pull");
    });
    Http http = new Http(server.port());
    assertThat(http.get("/health").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = http.get("/ready");
    assertError(ready, 503, "not_ready");
    assertThat(Http.json(ready).path("detail").asText()).contains("still loading");
    assertError(http.post("/api/v1/analyze", "image/png", TestImages.png(8, 8)), 503, "not_ready");
    loading.countDown();
    assertThat(server.awaitModel(Duration.ofSeconds(10))).isFalse();
    assertThat(Http.json(http.get("/ready")).path("detail").asText())
        .isEqualTo("the model failed to load: face-api weights not found in the cache; run ./fer models pull");
  }

  @Test
  void shutdownLetsInFlightFinishAndRefusesNewRequests() throws Exception {
    ScriptedAnalyzer analyzer = new ScriptedAnalyzer(true);
    Http http = start(ServerConfig.builder(), analyzer);
    CompletableFuture<HttpResponse<String>> inFlight = http.postAsync("/api/v1/analyze", "image/png", TestImages.png(8, 8));
    waitFor(() -> analyzer.started.get() == 1);
    FerServer closing = server;
    server = null;
    Thread stopper = new Thread(closing::close);
    stopper.start();
    HttpResponse<String> late = null;
    for (int i = 0; i < 100 && late == null; i++) {
      HttpResponse<String> r = http.get("/health");
      late = r.statusCode() == 503 ? r : null;
      Thread.sleep(20);
    }
    assertThat(late).as("a request during shutdown").isNotNull();
    assertError(late, 503, "shutting_down");
    analyzer.gate.countDown();
    HttpResponse<String> done = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(Http.json(done).path("width").asInt()).isEqualTo(8);
    stopper.join(30_000);
    assertThat(stopper.isAlive()).isFalse();
  }

  static long metricValue(Http http, String name) {
    for (String line : http.get("/metrics").body().split("\n")) {
      if (line.startsWith(name + " ")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError("metric " + name + " missing");
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 1500 && !condition.getAsBoolean(); i++) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition reached within 30 s").isTrue();
  }
}
