package org.fer4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.fer4j.FerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fer4j REST service and web page on <a href="https://javalin.io">Javalin 6</a>.
 *
 * <p>Routes: {@code POST /api/v1/analyze}, {@code POST /api/v1/analyze/batch}, {@code GET
 * /api/v1/models}, {@code GET /api/v1/openapi.json}, {@code GET /health}, {@code GET /ready},
 * {@code GET /metrics} and the static page at {@code /}. The model loads in the background, so
 * the server answers {@code /health} within a second of starting and {@code /ready} says when
 * analysis can begin. Every error is JSON {@code {error, detail}}; stack traces stay in the log.
 *
 * <p>{@link #close()} shuts down gracefully: new requests get 503, in-flight ones finish.
 */
public final class FerServer implements AutoCloseable {
  static final Set<String> API_ROUTES = Set.of("/api/v1/analyze", "/api/v1/analyze/batch",
      "/api/v1/models", "/api/v1/openapi.json", "/health", "/ready", "/metrics");

  private static final Logger LOG = LoggerFactory.getLogger(FerServer.class);
  private static final String STARTED = "fer4j.started";

  private final ObjectMapper json = new ObjectMapper();
  private final ServerConfig config;
  private final ModelHolder model;
  private final WorkQueue work;
  private final Metrics metrics;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Javalin app;
  private volatile boolean draining;

  private FerServer(ServerConfig config, Supplier<? extends Analyzer> loader) {
    this.config = config;
    this.model = new ModelHolder(loader);
    this.work = new WorkQueue(config.workers(), config.queueCapacity(), config.requestTimeout(),
        model::prepareWorkerThread);
    this.metrics = new Metrics(work::depth, inFlight::get, () -> model.ready() ? 1 : 0);
    this.app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.http.maxRequestSize = config.maxUploadBytes();
      c.http.prefer405over404 = true;
      c.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
      c.jetty.multipartConfig.maxTotalRequestSize(config.maxUploadBytes(), SizeUnit.BYTES);
      c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, config.maxUploadBytes()), SizeUnit.BYTES);
      c.jetty.modifyServer(s -> s.setStopTimeout(config.shutdownGrace().toMillis()));
      c.staticFiles.add(s -> {
        s.hostedPath = "/";
        s.directory = "/fer4j-web";
        s.location = Location.CLASSPATH;
        s.headers = java.util.Map.of("Content-Security-Policy", WebPage.CSP, "X-Content-Type-Options", "nosniff");
      });
    });
    routes(new AnalyzeRoutes(json, config, model, work, metrics));
  }

  /**
   * Starts the server and begins loading the model in the background.
   *
   * @param loader builds the analyser (loads weights); runs once on a background thread
   */
  public static FerServer start(ServerConfig config, Supplier<? extends Analyzer> loader) {
    FerServer server = new FerServer(config, loader);
    server.app.start(config.host(), config.port());
    server.model.loadInBackground();
    return server;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return app.port();
  }

  /** Blocks until the model is loaded or failed to load; true when it is ready. */
  public boolean awaitModel(Duration timeout) throws InterruptedException {
    return model.await(timeout);
  }

  private void routes(AnalyzeRoutes analyze) {
    app.before(this::admit);
    app.after(this::finish);
    app.post("/api/v1/analyze", analyze::single);
    app.post("/api/v1/analyze/batch", analyze::batch);
    app.get("/api/v1/models", ctx -> sendJson(ctx, 200, ModelCatalog.describe(json, model.name(), model.provenance())));
    app.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
    app.get("/health", ctx -> sendJson(ctx, 200, json.createObjectNode().put("status", "ok")));
    app.get("/ready", this::ready);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render()));
    app.exception(ApiError.class, (e, ctx) -> sendError(ctx, e));
    app.exception(FerException.class, (e, ctx) -> sendError(ctx, fromDomain(e)));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
      sendError(ctx, new ApiError(500, "internal", "an unexpected error occurred; the server log has the details"));
    });
    app.error(404, ctx -> sendError(ctx, new ApiError(404, "not_found", "nothing at "
        + ctx.method() + " " + ctx.path() + "; the routes are listed in /api/v1/openapi.json")));
    app.error(405, ctx -> sendError(ctx, new ApiError(405, "method_not_allowed",
        ctx.method() + " is not allowed on " + ctx.path() + "; see /api/v1/openapi.json")));
  }

  private void admit(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
    if (draining) {
      throw ApiError.unavailable("shutting_down", "the server is shutting down; retry on another instance", 5);
    }
    inFlight.incrementAndGet();
    ctx.attribute("fer4j.counted", Boolean.TRUE);
  }

  private void finish(Context ctx) {
    if (ctx.attribute("fer4j.counted") != null) {
      inFlight.decrementAndGet();
    }
    Long started = ctx.attribute(STARTED);
    double seconds = started == null ? 0 : (System.nanoTime() - started) / 1e9;
    String path = ctx.path();
    boolean read = ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
    String route = API_ROUTES.contains(path) ? path : read && ctx.status().getCode() < 400 ? "static" : "other";
    metrics.record(ctx.method().name(), route, ctx.status().getCode(), seconds);
  }

  private void ready(Context ctx) {
    if (model.ready()) {
      sendJson(ctx, 200, json.createObjectNode().put("ready", true).put("model", model.name()));
    } else {
      throw ApiError.unavailable("not_ready", model.notReadyReason(), 2);
    }
  }

  private String openApi() throws IOException {
    try (InputStream in = FerServer.class.getResourceAsStream("/fer4j-server/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static ApiError fromDomain(FerException e) {
    return switch (e.kind()) {
      case BAD_INPUT -> new ApiError(400, "bad_input", e.getMessage());
      case NOT_FOUND -> new ApiError(404, "not_found", e.getMessage());
      case ENVIRONMENT -> new ApiError(503, "environment", e.getMessage(), 30);
      case INTERNAL -> new ApiError(500, "internal", "an internal error occurred; the server log has the details");
    };
  }

  void sendJson(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private void sendError(Context ctx, ApiError e) {
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    sendJson(ctx, e.status(), json.createObjectNode().put("error", e.code()).put("detail", e.getMessage()));
  }

  /**
   * Graceful stop: new requests get 503 at once, in-flight ones finish (up to the configured
   * grace), then the port closes and the model is released.
   */
  @Override
  public void close() {
    draining = true;
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      work.shutdown(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      app.stop();
      work.close();
      model.close();
    }
  }
}
