package org.fer4j.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fer4j.FerException;

/** The {@link ImageDecoder}s on the class path, and parallel decoding of many files. */
public final class ImageDecoders {
  private static final List<ImageDecoder> INSTALLED = load();

  private ImageDecoders() {}

  private static List<ImageDecoder> load() {
    List<ImageDecoder> out = new ArrayList<>();
    ServiceLoader.load(ImageDecoder.class, ImageDecoders.class.getClassLoader()).forEach(out::add);
    return List.copyOf(out);
  }

  /** The decoders found with {@link ServiceLoader}, in class-path order. */
  public static List<ImageDecoder> installed() {
    return INSTALLED;
  }

  /** The installed decoder that takes {@code file}, if any (ImageIO otherwise). */
  public static Optional<ImageDecoder> forFile(Path file) {
    if (INSTALLED.isEmpty()) {
      return Optional.empty();
    }
    byte[] header;
    try (InputStream in = Files.newInputStream(file)) {
      header = in.readNBytes(16);
    } catch (IOException e) {
      return Optional.empty(); // ImageIO's attempt words the error
    }
    return INSTALLED.stream().filter(d -> d.accepts(header)).findFirst();
  }

  /**
   * Decodes {@code files} on {@code threads} threads (in the caller's thread when 1). Each entry
   * of the result is the image or the {@link FerException} that names the file.
   */
  public static List<Object> readAll(List<Path> files, int threads) {
    List<Object> out = new ArrayList<>(files.size());
    if (threads <= 1 || files.size() <= 1) {
      files.forEach(f -> out.add(readOrError(f)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
      Thread t = new Thread(r, "fer4j-decode");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Object>> pending = new ArrayList<>();
      files.forEach(f -> pending.add(pool.submit(() -> readOrError(f))));
      for (Future<Object> p : pending) {
        out.add(p.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("decoding failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Object readOrError(Path file) {
    try {
      return RgbImage.read(file);
    } catch (FerException e) {
      return e;
    }
  }
}
