package org.fer4j.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.Detection;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiDetectors;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiModels.Net;
import org.fer4j.face.faceapi.NetRunner;

/**
 * Where the face pipeline's time goes: the stages of {@code ExpressionPredictor} (tiny detector,
 * no age/gender) run one by one on the benchmark photos, each timed in CPU time of the calling
 * thread. With one intra-op thread both engines run the forward passes on that thread (ONNX
 * Runtime has no pool at one thread), so CPU time is what the stage costs even when other
 * processes share the cores (wall time is not).
 *
 * <p>Stages: {@code decodeToBytes} (the JPEG to upright 8-bit pixels, {@link RgbImage#read});
 * {@code detectorInput} (pad and resize to 416, the first floats); {@code detectorForwardAndDecode};
 * {@code faceCropInputs} (the face crops and their 112 px float inputs of the landmark net);
 * {@code landmarkForwardAndDecode}; {@code alignedCropInputs} (the aligned crops at 112 px, the
 * expression net's input); {@code expressionForward}. Each conversion to floats is counted in the
 * stage that makes a network's input, none in the forward passes.
 */
final class FaceProfile {
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Map<String, Long> cpuNanos = new LinkedHashMap<>();
  private final NetRunner detectorNet;
  private final NetRunner landmarkNet;
  private final NetRunner expressionNet;

  private FaceProfile(FaceApiModels models, InferenceEngine engine) {
    detectorNet = models.runner(Net.TINY_FACE_DETECTOR, engine, 416);
    landmarkNet = models.runner(Net.LANDMARKS_68, engine, 0);
    expressionNet = models.runner(Net.EXPRESSIONS, engine, 0);
  }

  /** Runs {@code repeat} profiled passes and prints one JSON line of milliseconds per image. */
  static void run(FaceApiModels models, InferenceEngine engine, List<Path> files, int repeat) {
    FaceProfile p = new FaceProfile(models, engine);
    p.pass(files); // warm-up (and the ONNX Runtime sessions' first runs)
    p.cpuNanos.clear();
    for (int i = 0; i < repeat; i++) {
      p.pass(files);
    }
    StringBuilder json = new StringBuilder("{\"runtime\":\"fer4j-profile\",\"engine\":\"" + engine.id()
        + "\",\"unit\":\"cpu ms per image\"");
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

  private void pass(List<Path> files) {
    long t = mark();
    List<RgbImage> images = new ArrayList<>();
    for (Path f : files) {
      images.add(RgbImage.read(f));
    }
    add("decodeToBytes", t);
    t = mark();
    for (RgbImage img : images) {
      FaceApiDetectors.detectorInput(img, 416);
    }
    long resize = mark() - t;
    add("detectorInput", t);
    t = mark();
    List<List<Detection>> detections = FaceApiDetectors.tiny(detectorNet, images, 416, 0.5);
    // FaceApiDetectors.tiny makes its input again: count only its forward pass and box decoding here.
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
    List<RgbImage> cropInputs = crops.stream().map(FaceApiLandmarks::faceInput).toList();
    add("faceCropInputs", t);
    t = mark();
    List<float[]> landmarks = cropInputs.isEmpty() ? List.of()
        : FaceApiLandmarks.decodeAll(landmarkNet.run(cropInputs)[0], crops, origins);
    add("landmarkForwardAndDecode", t);
    t = mark();
    List<RgbImage> aligned = new ArrayList<>();
    for (int f = 0; f < crops.size(); f++) {
      var box = FaceApiLandmarks.alignedBox(landmarks.get(f));
      RgbImage img = owners.get(f);
      int[] r = FaceApiLandmarks.clipAndFloor(box, img.width(), img.height());
      aligned.add(FaceApiLandmarks.faceInput(img.crop(r[0], r[1], r[2], r[3])));
    }
    add("alignedCropInputs", t);
    t = mark();
    if (!aligned.isEmpty()) {
      expressionNet.run(aligned);
    }
    add("expressionForward", t);
  }
}
