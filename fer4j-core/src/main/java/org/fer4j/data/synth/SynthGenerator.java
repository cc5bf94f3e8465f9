package org.fer4j.data.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.fer4j.FerException;

/**
 * Writes a complete SynthFER data set: RAF-DB-, CelebA-, DFEW- and FED-RO-format folders, a
 * contact sheet and {@code synth.json}. Images are rendered and JPEG-encoded on a fixed pool of
 * {@link SynthConfig#threads()} threads with a bounded number of tasks in flight; every image
 * depends only on (seed, index), so the output does not depend on the thread count.
 */
public final class SynthGenerator {
  /** Folder names under the output directory. */
  public static final String RAFDB = "rafdb";

  public static final String CELEBA = "celeba";
  public static final String DFEW = "dfew";
  public static final String FEDRO = "fedro";
  public static final String SHEET = "contact_sheet.png";
  public static final String MANIFEST = "synth.json";

  // CPU time of the render threads: on a shared machine wall-clock rates understate the renderer.
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** Receives progress from worker threads: units done (images or clip frames) of the total. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  private final SynthConfig config;
  private final SynthFer synth;
  private final Path out;
  private final Progress progress;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private long total;

  private SynthGenerator(SynthConfig config, Path out, Progress progress) {
    this.config = config;
    this.synth = new SynthFer(config);
    this.out = out;
    this.progress = progress == null ? (d, t) -> { } : progress;
  }

  /**
   * Generates everything into {@code out} and returns what was written (also saved as {@code
   * synth.json}).
   *
   * @throws FerException when a file cannot be written
   */
  public static SynthReport generate(SynthConfig config, Path out, Progress progress) {
    return new SynthGenerator(config, out, progress).run();
  }

  private SynthReport run() {
    long start = System.nanoTime();
    int images = config.images();
    int train = synth.trainImages();
    ClipScript[] clips = new ClipScript[config.clips()];
    long frames = 0;
    for (int c = 0; c < clips.length; c++) {
      clips[c] = synth.clip(c);
      frames += clips[c].frames();
    }
    total = images + config.occluded() + frames;
    SynthWriters.RafDb rafDb = new SynthWriters.RafDb(out.resolve(RAFDB), train, images - train);
    SynthWriters.CelebA celebA = new SynthWriters.CelebA(out.resolve(CELEBA), images);
    SynthWriters.Dfew dfew = new SynthWriters.Dfew(out.resolve(DFEW), clips.length);
    SynthWriters.FedRo fedRo = new SynthWriters.FedRo(out.resolve(FEDRO), config.occluded());
    SynthReport.Counter counter = new SynthReport.Counter();
    ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "synth-render");
      t.setDaemon(true);
      return t;
    });
    Semaphore inFlight = new Semaphore(config.threads() * 4);
    try {
      for (int i = 0; i < images && failure.get() == null; i++) {
        int index = i;
        submit(pool, inFlight, () -> stillImage(index, train, rafDb, celebA, counter));
      }
      for (int i = 0; i < config.occluded() && failure.get() == null; i++) {
        int index = i;
        submit(pool, inFlight, () -> occludedImage(index, fedRo, counter));
      }
      for (int c = 0; c < clips.length && failure.get() == null; c++) {
        int index = c;
        submit(pool, inFlight, () -> clip(index, clips[index], dfew, counter));
      }
    } finally {
      pool.shutdown();
      awaitQuietly(pool);
    }
    if (failure.get() != null) {
      throw new FerException(FerException.Kind.BAD_INPUT,
          "SynthFER generation into " + out + " failed: " + failure.get().getMessage(), failure.get());
    }
    rafDb.finish();
    celebA.finish();
    dfew.finish();
    fedRo.finish();
    writeSheet();
    double seconds = (System.nanoTime() - start) / 1e9;
    SynthReport report = counter.report(config, frames, seconds, cpuNanos.get() / 1e9);
    writeManifest(report);
    return report;
  }

  private void submit(ExecutorService pool, Semaphore inFlight, Runnable task) {
    inFlight.acquireUninterruptibly();
    pool.execute(() -> {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      try {
        if (failure.get() == null) {
          task.run();
        }
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      } finally {
        cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
        inFlight.release();
      }
    });
  }

  private void stillImage(int index, int train, SynthWriters.RafDb rafDb, SynthWriters.CelebA celebA,
      SynthReport.Counter counter) {
    FaceSpec spec = synth.image(index);
    SynthRenderer.Render render = SynthRenderer.render(spec, config.size());
    byte[] jpeg = JpegEncoder.encode(render.image(), config.jpegQuality());
    boolean isTrain = index < train;
    rafDb.put(index, spec.label(), spec.intensity(), spec.identity().id(), jpeg);
    int partition = isTrain ? (index >= Math.round(train * 0.9f) ? 1 : 0) : 2;
    celebA.put(index, render.attributes(), partition, jpeg);
    counter.still(isTrain, spec.label(), render.attributes());
    tick(1);
  }

  private void occludedImage(int index, SynthWriters.FedRo fedRo, SynthReport.Counter counter) {
    FaceSpec spec = synth.occluded(index);
    SynthRenderer.Render render = SynthRenderer.render(spec, config.size());
    fedRo.put(index, spec.label(), spec.occlusion(), render.occluded(),
        JpegEncoder.encode(render.image(), config.jpegQuality()));
    counter.occluded(spec.label(), spec.occlusion());
    tick(1);
  }

  private void clip(int index, ClipScript script, SynthWriters.Dfew dfew, SynthReport.Counter counter) {
    dfew.startClip(index, script.base().label(), script.intensities());
    for (int t = 0; t < script.frames(); t++) {
      SynthRenderer.Render render = SynthRenderer.render(script.frame(t), config.size());
      dfew.putFrame(index, t, JpegEncoder.encode(render.image(), config.jpegQuality()));
      tick(1);
    }
    counter.clip(SynthWriters.Dfew.fold(index), script.base().label());
  }

  private void tick(long n) {
    progress.update(done.addAndGet(n), total);
  }

  private void writeSheet() {
    int cell = Math.max(64, Math.min(config.size(), 112));
    try {
      ImageIO.write(ContactSheet.render(synth, cell), "png", out.resolve(SHEET).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve(SHEET), e);
    }
  }

  private void writeManifest(SynthReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generator", "SynthFER (fer4j)");
    json.put("config", config.toMap());
    json.putAll(report.toMap());
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(MANIFEST).toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out.resolve(MANIFEST), e);
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        // keep waiting: rendering is bounded by the configured counts
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
