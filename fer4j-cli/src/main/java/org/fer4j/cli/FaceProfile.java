package org.fer4j.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.face.Detection;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiDetectors;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceFeatureBlock;
import org.fer4j.face.faceapi.TinyFaceDetectorBlock;

/**
 * Where the face pipeline's time goes: the stages of {@code ExpressionPredictor} (tiny detector,
 * no age/gender) run one by one on the benchmark photos, each timed in CPU time of the calling
 * thread. With one PyTorch thread the forward passes run on that thread, so CPU time is what the
 * stage costs even when other processes share the cores (wall time is not).
 */
final class FaceProfile {
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Map<String, Long> cpuNanos = new LinkedHashMap<>();

  /** Runs {@code repeat} profiled passes and prints one JSON line of milliseconds per image. */
  static void run(FaceApiModels models, List<Path> files, int repeat) {
    FaceProfile p = new FaceProfile();
    p.pass(models, files); // warm-up
    p.cpuNanos.clear();
    for (int i = 0; i < repeat; i++) {
      p.pass(models, files);
    }
    StringBuilder json = new StringBuilder("{\"runtime\":\"fer4j-profile\",\"unit\":\"cpu ms per image\"");
    double total = 0;
    for (Map.Entry<String, Long> e : p.cpuNanos.entrySet()) {
      double ms = e.getValue() / 1e6 / (files.size() * repeat);
      total += ms;
      json.append(String.format(Locale.ROOT, ",\"%s\":%.2f", e.getKey(), ms));
    }
    json.append(String.format(Locale.ROOT, ",\"total\":%.2f}", total));
    System.out.println(json);
  }

  private long mark() {
    return mx.getCurrentThreadCpuTime();
  }

  private void add(String stage, long since) {
    cpuNanos.merge(stage, mark() - since, Long::sum);
  }

  private void pass(FaceApiModels models, List<Path> files) {
    long t = mark();
    List<RgbImage> images = new ArrayList<>();
    for (Path f : files) {
      images.add(RgbImage.read(f));
    }
    add("decode", t);
    t = mark();
    for (RgbImage img : images) {
      FaceApiDetectors.detectorInput(img, 416);
    }
    long resize = mark() - t;
    add("detectorResize", t);
    t = mark();
    TinyFaceDetectorBlock tiny = models.tinyFaceDetector();
    List<List<Detection>> detections = FaceApiDetectors.tiny(tiny, images, 416, 0.5);
    // FaceApiDetectors.tiny resizes again: count only its forward pass and box decoding here.
    cpuNanos.merge("detectorForwardAndDecode", mark() - t - resize, Long::sum);
    t = mark();
    List<RgbImage> crops = new ArrayList<>();
    List<double[]> origins = new ArrayList<>();
    List<RgbImage> owners = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      for (Detection d : detections.get(i)) {
        int[] r = FaceApiLandmarks.clipAndFloor(d.box(), images.get(i).width(), images.get(i).height());
        crops.add(images.get(i).crop(r[0], r[1], r[2], r[3]));
        origins.add(new double[] {d.box().x(), d.box().y()});
        owners.add(images.get(i));
      }
    }
    add("crops", t);
    t = mark();
    List<float[]> landmarks = FaceApiLandmarks.landmarks(models.landmarks68(), crops, origins);
    add("landmarks", t);
    t = mark();
    List<RgbImage> aligned = new ArrayList<>();
    for (int f = 0; f < crops.size(); f++) {
      var box = FaceApiLandmarks.alignedBox(landmarks.get(f));
      RgbImage img = owners.get(f);
      int[] r = FaceApiLandmarks.clipAndFloor(box, img.width(), img.height());
      aligned.add(FaceApiLandmarks.faceInput(img.crop(r[0], r[1], r[2], r[3])));
    }
    add("alignedCrops", t);
    t = mark();
    FaceFeatureBlock expressions = models.expressions();
    FaceApiModels.run(expressions, aligned);
    add("expressions", t);
  }
}
