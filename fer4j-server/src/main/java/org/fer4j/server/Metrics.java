package org.fer4j.server;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;

/**
 * Request counts, a latency histogram per route, queue depth and in-flight requests, written in
 * the Prometheus text exposition format 0.0.4
 * (<a href="https://prometheus.io/docs/instrumenting/exposition_formats/">prometheus.io</a>).
 * Routes are the matched path templates, so the label set stays small whatever clients send.
 */
final class Metrics {
  /** Upper bounds of the latency buckets in seconds (plus +Inf). */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final AtomicLong faces = new AtomicLong();
  private final AtomicLong images = new AtomicLong();
  private final IntSupplier queueDepth;
  private final IntSupplier inFlight;
  private final IntSupplier ready;

  Metrics(IntSupplier queueDepth, IntSupplier inFlight, IntSupplier ready) {
    this.queueDepth = queueDepth;
    this.inFlight = inFlight;
    this.ready = ready;
  }

  /** Counts one finished request. */
  void record(String method, String route, int status, double seconds) {
    String key = "method=\"" + method + "\",route=\"" + escape(route) + "\",status=\"" + status + "\"";
    requests.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    latency.computeIfAbsent("route=\"" + escape(route) + "\"", k -> new Histogram()).observe(seconds);
  }

  /** Counts analysed images and the faces found in them. */
  void analysed(int imageCount, int faceCount) {
    images.addAndGet(imageCount);
    faces.addAndGet(faceCount);
  }

  /** The whole exposition text. */
  String render() {
    StringBuilder sb = new StringBuilder();
    header(sb, "fer4j_http_requests_total", "counter", "HTTP requests by method, route and status.");
    new TreeMap<>(requests).forEach((k, v) -> sb.append("fer4j_http_requests_total{").append(k)
        .append("} ").append(v.get()).append('\n'));
    header(sb, "fer4j_http_request_duration_seconds", "histogram", "Request latency by route.");
    new TreeMap<>(latency).forEach((k, h) -> h.render(sb, "fer4j_http_request_duration_seconds", k));
    gauge(sb, "fer4j_queue_depth", "Analysis requests waiting for a worker.", queueDepth.getAsInt());
    gauge(sb, "fer4j_inflight_requests", "Requests being handled now.", inFlight.getAsInt());
    gauge(sb, "fer4j_model_ready", "1 when the model is loaded.", ready.getAsInt());
    header(sb, "fer4j_images_analysed_total", "counter", "Images analysed.");
    sb.append("fer4j_images_analysed_total ").append(images.get()).append('\n');
    header(sb, "fer4j_faces_detected_total", "counter", "Faces found in analysed images.");
    sb.append("fer4j_faces_detected_total ").append(faces.get()).append('\n');
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    header(sb, name, "gauge", help);
    sb.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Cumulative buckets as Prometheus wants them. */
  private static final class Histogram {
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
    private final DoubleAdder sum = new DoubleAdder();

    void observe(double seconds) {
      int i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]) {
        i++;
      }
      counts.incrementAndGet(i);
      sum.add(seconds);
    }

    void render(StringBuilder sb, String name, String labels) {
      long cumulative = 0;
      for (int i = 0; i <= BUCKETS.length; i++) {
        cumulative += counts.get(i);
        String le = i < BUCKETS.length ? String.format(Locale.ROOT, "%s", BUCKETS[i]) : "+Inf";
        sb.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
            .append(cumulative).append('\n');
      }
      sb.append(name).append("_sum{").append(labels).append("} ")
          .append(String.format(Locale.ROOT, "%.6f", sum.sum())).append('\n');
      sb.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
    }
  }
}
