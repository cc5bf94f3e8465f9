package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.RgbImage;
import org.fer4j.onnx.FaceApiExports;
import org.fer4j.onnx.OrtNet;
import org.fer4j.weights.TfjsWeights;

/**
 * The pretrained face-api networks loaded from a weights folder (the {@code model/} folder of
 * {@code @vladmandic/face-api}, fetched by {@code ./fer models pull}).
 *
 * <p>Thread-safe: the weights are read-only after loading and every call runs in its own
 * NDManager, so one instance can serve many threads. Close it to free the weights.
 */
public final class FaceApiModels implements AutoCloseable {
  /** The networks face-api ships, by their manifest's base name. */
  public enum Net {
    TINY_FACE_DETECTOR("tiny_face_detector_model"),
    SSD_MOBILENET_V1("ssd_mobilenetv1_model"),
    LANDMARKS_68("face_landmark_68_model"),
    EXPRESSIONS("face_expression_model"),
    AGE_GENDER("age_gender_model");

    private final String fileBase;

    Net(String fileBase) {
      this.fileBase = fileBase;
    }

    /** The manifest file name, e.g. {@code face_expression_model-weights_manifest.json}. */
    public String manifestName() {
      return fileBase + "-weights_manifest.json";
    }
  }

  private final NDManager manager;
  private final Path dir;
  private final TinyFaceDetectorBlock tiny;
  private final SsdMobilenetV1Block ssd;
  private final FaceFeatureBlock landmarks;
  private final FaceFeatureBlock expressions;
  private final AgeGenderBlock ageGender;
  private final Map<String, OrtNet> sessions = new HashMap<>();
  private boolean closed;

  private FaceApiModels(Path dir, Set<Net> nets) {
    Engines.init();
    this.dir = dir;
    this.manager = NDManager.newBaseManager();
    try {
      tiny = nets.contains(Net.TINY_FACE_DETECTOR) ? load(new TinyFaceDetectorBlock(), Net.TINY_FACE_DETECTOR) : null;
      ssd = nets.contains(Net.SSD_MOBILENET_V1) ? load(new SsdMobilenetV1Block(), Net.SSD_MOBILENET_V1) : null;
      landmarks = nets.contains(Net.LANDMARKS_68) ? load(new FaceFeatureBlock(136), Net.LANDMARKS_68) : null;
      expressions = nets.contains(Net.EXPRESSIONS) ? load(new FaceFeatureBlock(7), Net.EXPRESSIONS) : null;
      ageGender = nets.contains(Net.AGE_GENDER) ? load(new AgeGenderBlock(), Net.AGE_GENDER) : null;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Loads the given networks from a weights folder.
   *
   * @throws FerException naming the missing file and how to get it
   */
  public static FaceApiModels load(Path weightsDir, Set<Net> nets) {
    for (Net net : nets) {
      Path manifest = weightsDir.resolve(net.manifestName());
      if (!Files.isRegularFile(manifest)) {
        throw new FerException(
            FerException.Kind.ENVIRONMENT,
            "face-api weights missing: " + manifest + " does not exist. Run './fer models pull'"
                + " (fetches @vladmandic/face-api with npm into the cache) or pass --weights DIR"
                + " pointing at the package's model/ folder.");
      }
    }
    return new FaceApiModels(weightsDir, EnumSet.copyOf(nets));
  }

  /** Loads every network. */
  public static FaceApiModels loadAll(Path weightsDir) {
    return load(weightsDir, EnumSet.allOf(Net.class));
  }

  private <B extends TfjsBlock> B load(B block, Net net) {
    block.load(TfjsWeights.read(dir.resolve(net.manifestName())), manager);
    return block;
  }

  /** Weights folder this was loaded from. */
  public Path dir() {
    return dir;
  }

  public TinyFaceDetectorBlock tinyFaceDetector() {
    return require(tiny, Net.TINY_FACE_DETECTOR);
  }

  public SsdMobilenetV1Block ssdMobilenetV1() {
    return require(ssd, Net.SSD_MOBILENET_V1);
  }

  public FaceFeatureBlock landmarks68() {
    return require(landmarks, Net.LANDMARKS_68);
  }

  public FaceFeatureBlock expressions() {
    return require(expressions, Net.EXPRESSIONS);
  }

  public AgeGenderBlock ageGender() {
    return require(ageGender, Net.AGE_GENDER);
  }

  public boolean has(Net net) {
    return switch (net) {
      case TINY_FACE_DETECTOR -> tiny != null;
      case SSD_MOBILENET_V1 -> ssd != null;
      case LANDMARKS_68 -> landmarks != null;
      case EXPRESSIONS -> expressions != null;
      case AGE_GENDER -> ageGender != null;
    };
  }

  /** The block of one loaded net. */
  public TfjsBlock block(Net net) {
    return switch (net) {
      case TINY_FACE_DETECTOR -> tinyFaceDetector();
      case SSD_MOBILENET_V1 -> ssdMobilenetV1();
      case LANDMARKS_68 -> landmarks68();
      case EXPRESSIONS -> expressions();
      case AGE_GENDER -> ageGender();
    };
  }

  /**
   * A net's forward pass on {@code engine}. For ONNX Runtime the block is exported in memory at
   * {@code inputSide} (only the tiny detector's input varies; the others ignore it) and its
   * session, with the engine's intra-op threads, is opened once and kept until these models close,
   * so predictors sharing the models (server, Spark partitions) share the sessions too.
   */
  public NetRunner runner(Net net, InferenceEngine engine, int inputSide) {
    TfjsBlock block = block(net);
    if (engine == InferenceEngine.DJL) {
      return images -> run(block, images);
    }
    int side = net == Net.TINY_FACE_DETECTOR ? inputSide : 0;
    OrtNet ort;
    synchronized (sessions) {
      if (closed) {
        throw new IllegalStateException("face-api models are closed");
      }
      ort = sessions.computeIfAbsent(net + "@" + side,
          key -> OrtNet.compile(block, FaceApiExports.info(net, inputSide), Engines.init().intraOpThreads()));
    }
    return images -> runOrt(ort, images);
  }

  /** {@link #run} on ONNX Runtime: the batch goes in as contiguous NCHW, the graph's layout. */
  private static float[][] runOrt(OrtNet net, List<RgbImage> images) {
    int[] hw = sameSize(images);
    int item = 3 * hw[0] * hw[1];
    float[] batch = new float[images.size() * item];
    for (int i = 0; i < images.size(); i++) {
      images.get(i).toChw(batch, i * item);
    }
    return net.run(batch, new long[] {images.size(), 3, hw[0], hw[1]});
  }

  // {height, width} of a non-empty batch whose images all have one size.
  private static int[] sameSize(List<RgbImage> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    int h = images.get(0).height();
    int w = images.get(0).width();
    for (RgbImage img : images) {
      if (img.height() != h || img.width() != w) {
        throw new IllegalArgumentException("batch mixes sizes " + w + "x" + h + " and " + img.width() + "x" + img.height());
      }
    }
    return new int[] {h, w};
  }

  private static <T> T require(T block, Net net) {
    if (block == null) {
      throw new IllegalStateException(net + " was not loaded; include it in FaceApiModels.load");
    }
    return block;
  }

  /**
   * Runs a block on a batch of same-size square images (0..255 RGB) and copies every output to
   * Java arrays, one per output of the block, batch-major (NCHW order for 4-d outputs).
   *
   * <p>The pixels go in as they are stored, HWC, viewed as NCHW by a transpose without a copy:
   * such an array has PyTorch's channels-last strides, which the CPU convolution and pooling
   * kernels (oneDNN) run about twice as fast as contiguous NCHW on these networks, and every
   * layer keeps that layout. DJL has no memory-format option; this view is the way to get it.
   */
  public static float[][] run(TfjsBlock block, List<RgbImage> images) {
    int[] hw = sameSize(images);
    int h = hw[0];
    int w = hw[1];
    int item = 3 * h * w;
    float[] batch = new float[images.size() * item];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i).data(), 0, batch, i * item, item);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(batch, new Shape(images.size(), h, w, 3)).transpose(0, 3, 1, 2);
      NDList out = block.forward(new ParameterStore(m, false), new NDList(x), false);
      float[][] result = new float[out.size()][];
      for (int i = 0; i < out.size(); i++) {
        result[i] = out.get(i).toFloatArray();
      }
      return result;
    }
  }

  @Override
  public void close() {
    synchronized (sessions) {
      closed = true;
      sessions.values().forEach(OrtNet::close);
      sessions.clear();
    }
    manager.close();
  }
}
