// Closed-loop HTTP load client for fer4j serve: N clients each send one request after another
// for a fixed duration; prints requests/s, p50/p99 latency and answers by status.
// Run with the single-file launcher: java LoadClient.java URL IMAGE WIDTH SECONDS CLIENTS...
// Loopback only: it refuses any host other than 127.0.0.1 or localhost.
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

public class LoadClient {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
      throw new IllegalArgumentException("loopback only, was " + uri.getHost());
    }
    byte[] body = jpeg(new File(args[1]), Integer.parseInt(args[2]));
    int seconds = Integer.parseInt(args[3]);
    System.out.printf(Locale.ROOT, "%-8s %9s %9s %9s %9s %9s  %s%n", "clients", "requests", "req/s", "200/s", "p50 ms", "p99 ms", "answers by status");
    for (int i = 4; i < args.length; i++) {
      run(uri, body, seconds, Integer.parseInt(args[i]));
    }
  }

  static byte[] jpeg(File file, int width) throws Exception {
    BufferedImage src = ImageIO.read(file);
    int height = src.getHeight() * width / src.getWidth();
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    img.createGraphics().drawImage(src, 0, 0, width, height, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }

  static void run(URI uri, byte[] body, int seconds, int clients) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          String status;
          try {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(180))
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            status = Integer.toString(r.statusCode());
            if (r.statusCode() == 503) {
              sleepQuietly(100); // a polite client backs off instead of hammering
            }
          } catch (Exception e) {
            status = "io-error";
          }
          latencies.add(System.nanoTime() - t0);
          statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    // Requests sent before the deadline still finish, so rates use the whole elapsed time.
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long ok = statuses.getOrDefault("200", new AtomicLong()).get();
    System.out.printf(Locale.ROOT, "%-8d %9d %9.2f %9.2f %9.0f %9.0f  %s%n", clients, sorted.size(),
        sorted.size() / elapsed, ok / elapsed, pct(sorted, 0.50), pct(sorted, 0.99), new TreeMap<>(statuses));
  }

  static double pct(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
  }

  static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
