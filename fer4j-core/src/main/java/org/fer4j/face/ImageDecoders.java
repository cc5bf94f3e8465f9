package org.fer4j.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.fer4j.FerException;

/** The {@link ImageDecoder}s on the class path, and parallel decoding of many files. */
public final class ImageDecoders {
  private static final List<ImageDecoder> INSTALLED = load();
  /** How many leading bytes {@link ImageDecoder#accepts} sees. */
  private static final int HEADER = 16;

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
      header = in.readNBytes(HEADER);
    } catch (IOException e) {
      return Optional.empty(); // ImageIO's attempt words the error
    }
    return forHeader(header);
  }

  /** The installed decoder that takes a file starting with {@code bytes}, if any. */
  public static Optional<ImageDecoder> forHeader(byte[] bytes) {
    if (INSTALLED.isEmpty()) {
      return Optional.empty();
    }
    byte[] header = bytes.length > HEADER ? Arrays.copyOf(bytes, HEADER) : bytes;
    return INSTALLED.stream().filter(d -> d.accepts(header)).findFirst();
  }

  /**
   * Decodes {@code files} upright ({@link RgbImage#read}) on {@code threads} threads (in the
   * caller's thread when 1). One result per file, in order: a file that fails in any way (a
   * {@link FerException} or any other runtime exception of a decoder) becomes a failed entry that
   * names it, and the other files still decode.
   */
  public static List<DecodedFile> readAll(List<Path> files, int threads) {
    return readAll(files, threads, RgbImage::read);
  }

  /** {@link #readAll(List, int)} with another decoding function (tests inject failing ones). */
  static List<DecodedFile> readAll(List<Path> files, int threads, Function<Path, RgbImage> decoder) {
    List<DecodedFile> out = new ArrayList<>(files.size());
    if (threads <= 1 || files.size() <= 1) {
      files.forEach(f -> out.add(readOne(f, decoder)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), r -> {
      Thread t = new Thread(r, "fer4j-decode");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<DecodedFile>> pending = new ArrayList<>();
      files.forEach(f -> pending.add(pool.submit(() -> readOne(f, decoder))));
      for (Future<DecodedFile> p : pending) {
        out.add(p.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      // readOne catches every exception; what is left is an Error such as OutOfMemoryError
      throw new IllegalStateException("decoding failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static DecodedFile readOne(Path file, Function<Path, RgbImage> decoder) {
    try {
      return DecodedFile.decoded(file, decoder.apply(file));
    } catch (FerException e) {
      return DecodedFile.failed(file, e.getMessage()); // its message already names the file
    } catch (RuntimeException e) {
      return DecodedFile.failed(file, "image " + file + " could not be decoded ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }
}
