package org.fer4j.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.explain.CamMethod;
import org.fer4j.face.RgbImage;
import org.fer4j.face.pose.FaceMeasures;
import org.fer4j.face.pose.FaceOpenness;
import org.fer4j.face.pose.HeadPose;
import org.fer4j.predict.FaceExplanation;
import org.fer4j.predict.FaceResult;
import org.fer4j.predict.ImageResult;

/**
 * A controllable analyser for the server's own behaviour (limits, queue, shutdown): it reports
 * one "face" per image whose box is the whole image and whose Happiness probability is the mean
 * red level / 255, so the tests can check that the decoded pixels reached it. It can be made to
 * wait on a gate (to fill the queue) or to throw.
 */
final class ScriptedAnalyzer implements Analyzer {
  final CountDownLatch gate;
  final AtomicInteger started = new AtomicInteger();
  volatile RuntimeException failure;
  /** When true, explain=true is served with a scripted map (a left-to-right ramp); else 501. */
  volatile boolean explainable;

  ScriptedAnalyzer(boolean gated) {
    this.gate = new CountDownLatch(gated ? 1 : 0);
  }

  @Override
  public List<ImageResult> analyze(List<RgbImage> images, List<String> sources) {
    started.incrementAndGet();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    if (failure != null) {
      throw failure;
    }
    List<ImageResult> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      RgbImage img = images.get(i);
      double red = 0;
      for (int y = 0; y < img.height(); y++) {
        for (int x = 0; x < img.width(); x++) {
          red += img.value(x, y, 0);
        }
      }
      float happy = (float) (red / (img.width() * img.height()) / 255.0);
      Map<String, Float> probs = new LinkedHashMap<>();
      for (String c : labels().classes()) {
        probs.put(c, c.equals("Happiness") ? happy : (1 - happy) / 6);
      }
      FaceResult face = new FaceResult(new FaceBox(0, 0, img.width(), img.height()), 0.9,
          new float[136], new FaceBox(0, 0, img.width(), img.height()), probs, Float.NaN, null, Float.NaN, null,
          new FaceMeasures(new HeadPose(5, -3, 1), new FaceOpenness(0.1, 0.3, 0.28), 1.5));
      out.add(new ImageResult(sources.get(i), img.width(), img.height(), List.of(face), null));
    }
    return out;
  }

  @Override
  public List<ImageResult> analyze(List<RgbImage> images, List<String> sources, boolean explain) {
    List<ImageResult> plain = analyze(images, sources);
    if (!explain) {
      return plain;
    }
    List<ImageResult> out = new ArrayList<>();
    for (ImageResult r : plain) {
      List<FaceResult> faces = new ArrayList<>();
      for (FaceResult f : r.faces()) {
        faces.add(new FaceResult(f.box(), f.score(), f.landmarks(), f.alignedBox(), f.expressions(), f.age(),
            f.gender(), f.genderProbability(), ramp(f.expressions().get("Happiness")), f.measures()));
      }
      out.add(new ImageResult(r.source(), r.width(), r.height(), faces, r.error()));
    }
    return out;
  }

  /** A 24x16 mid-grey face whose map rises from 0 at the left to 1 at the right. */
  static FaceExplanation ramp(float probability) {
    int w = 24;
    int h = 16;
    float[] pixels = new float[w * h * 3];
    java.util.Arrays.fill(pixels, 128f);
    float[] map = new float[w * h];
    for (int i = 0; i < map.length; i++) {
      map[i] = (i % w) / (float) (w - 1);
    }
    return new FaceExplanation(CamMethod.GRAD_CAM, "scripted", "Happiness", probability, new RgbImage(w, h, pixels), map);
  }

  @Override
  public String explainUnavailableReason() {
    return explainable ? null : "the scripted analyser explains only when told to";
  }

  @Override
  public LabelSpace labels() {
    return LabelSpace.EXPRESSION_7;
  }

  @Override
  public String modelName() {
    return "scripted";
  }
}
