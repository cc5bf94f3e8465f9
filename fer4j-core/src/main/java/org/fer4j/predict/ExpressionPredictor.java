package org.fer4j.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.explain.CamMethod;
import org.fer4j.engine.Engines;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.DecodedFile;
import org.fer4j.face.ImageDecoders;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.NetRunner;
import org.fer4j.face.human.HumanModels;
import org.fer4j.face.faceapi.FaceApiModels.Net;

/**
 * Image to faces: detection, 68 landmarks, expression probabilities, age and gender.
 *
 * <p>Every stage is batched: the detector sees all images of a call in one batch, the landmark,
 * expression and age/gender nets see all faces of all those images in one batch each. The
 * pipeline follows face-api's {@code detectAllFaces(...).withFaceLandmarks()
 * .withFaceExpressions().withAgeAndGender()} (<a href="https://github.com/vladmandic/face-api">
 * vladmandic/face-api</a>), so with the default classifier its outputs match face-api's.
 *
 * <p>Thread-safe: it holds no per-call state and the networks run each call in its own
 * NDManager, so one predictor can serve all threads of a server.
 */
public final class ExpressionPredictor implements AutoCloseable {
  /** Face detector choice. */
  public enum Detector {
    /** face-api's tiny face detector (fast; 416 px input by default). */
    TINY,
    /** face-api's SSD MobileNet V1 (slower, finds smaller faces; 512 px input). */
    SSD;

    /** Parses {@code tiny} or {@code ssd} ({@code --detector}); anything else is an error naming both. */
    public static Detector parse(String name) {
      return switch (name) {
        case "tiny" -> TINY;
        case "ssd" -> SSD;
        default -> throw FerException.badInput("--detector must be tiny or ssd, was '" + name + "'");
      };
    }
  }

  private final FaceApiModels models;
  private final boolean ownsModels;
  private final boolean ageGender;
  private final int batchSize;
  private final int decodeThreads;
  private final ExpressionClassifier classifier;
  private final String classifierName;
  private final HumanModels humanModels;
  private final CamMethod explainMethod;
  private final boolean explainByDefault;
  private final InferenceEngine engine;
  private final FaceLocator locator;
  private final NetRunner ageGenderNet;
  private final BlockExpressionClassifier compiledClassifier;

  private ExpressionPredictor(Builder b, FaceApiModels models, boolean owns) {
    this.models = models;
    this.ownsModels = owns;
    this.ageGender = b.ageGender;
    this.batchSize = b.batchSize;
    this.decodeThreads = b.decodeThreads > 0 ? b.decodeThreads : Engines.init().intraOpThreads();
    this.engine = b.engine;
    this.locator = new FaceLocator(b.detector,
        models.runner(b.detector == Detector.TINY ? Net.TINY_FACE_DETECTOR : Net.SSD_MOBILENET_V1, engine, b.inputSize),
        models.runner(Net.LANDMARKS_68, engine, 0), b.inputSize, b.minScore, b.maxResults);
    this.ageGenderNet = ageGender ? models.runner(Net.AGE_GENDER, engine, 0) : null;
    // A fer4j model given as the classifier runs on the chosen engine too; this predictor owns the copy.
    BlockExpressionClassifier onEngine = b.classifier instanceof BlockExpressionClassifier block
        ? block.onEngine(engine, Engines.init().intraOpThreads()) : null;
    this.compiledClassifier = onEngine != b.classifier ? onEngine : null;
    this.humanModels = b.classifier == null ? b.pretrained.loadHuman(b.humanModels) : null;
    ExpressionClassifier chosen = onEngine != null ? onEngine
        : b.classifier != null ? b.classifier : b.pretrained.create(models, humanModels, engine);
    this.classifier = b.flipTta ? new FlipTtaClassifier(chosen) : chosen;
    this.classifierName = b.classifier != null ? "custom" : b.pretrained.id();
    this.explainMethod = b.explainMethod == null ? CamMethod.GRAD_CAM : b.explainMethod;
    this.explainByDefault = b.explainMethod != null;
  }

  /** Whether {@link #predict(List, List, boolean)} can attach heat maps (the classifier can explain). */
  public boolean canExplain() {
    return classifier instanceof ExplainableClassifier;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Which classifier produced the expressions: a {@link PretrainedClassifier#id()}, or {@code custom}. */
  public String classifierName() {
    return classifierName;
  }

  /** The engine that runs the networks' forward passes. */
  public InferenceEngine engine() {
    return engine;
  }

  /** The classifier's label space: the names of {@link FaceResult#expressions()}. */
  public LabelSpace labels() {
    return classifier.labels();
  }

  /**
   * Reads and analyses files; a file that cannot be read gives a failed record and the others
   * go on.
   */
  public List<ImageResult> predictFiles(List<Path> files) {
    List<ImageResult> out = new ArrayList<>();
    for (int start = 0; start < files.size(); start += batchSize) {
      out.addAll(predictDecoded(decodeFiles(files.subList(start, Math.min(files.size(), start + batchSize)))));
    }
    return out;
  }

  /**
   * Decodes files upright on the builder's decoding threads; a file that fails is a failed entry
   * (see {@link ImageDecoders#readAll}). With {@link #predictDecoded} this is {@link
   * #predictFiles}, for callers that also want the pixels (e.g. to draw on them).
   */
  public List<DecodedFile> decodeFiles(List<Path> files) {
    return ImageDecoders.readAll(files, decodeThreads);
  }

  /**
   * Analyses the decoded files in one batch per stage: one result per entry, in order; failed
   * entries give failed records.
   */
  public List<ImageResult> predictDecoded(List<DecodedFile> decoded) {
    List<RgbImage> images = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (DecodedFile d : decoded) {
      if (d.ok()) {
        images.add(d.image());
        sources.add(d.file().toString());
      }
    }
    List<ImageResult> done = predict(images, sources);
    List<ImageResult> out = new ArrayList<>();
    int next = 0;
    for (DecodedFile d : decoded) {
      out.add(d.ok() ? done.get(next++) : ImageResult.failed(d.file().toString(), d.error()));
    }
    return out;
  }

  /** Threads that decode the files of one batch. */
  int decodeThreads() {
    return decodeThreads;
  }

  /**
   * Analyses decoded images in one batch per stage.
   *
   * @param sources a name per image for the results (paths, ids)
   */
  public List<ImageResult> predict(List<RgbImage> images, List<String> sources) {
    return predict(images, sources, explainByDefault);
  }

  /**
   * Analyses decoded images; with {@code explain} each face also carries the heat map of its top
   * expression ({@link FaceResult#explanation()}), computed with the builder's method (Grad-CAM by
   * default) on the aligned face the classifier saw.
   *
   * @throws FerException BAD_INPUT when explanations are asked of a classifier that cannot give them
   */
  public List<ImageResult> predict(List<RgbImage> images, List<String> sources, boolean explain) {
    if (explain && !canExplain()) {
      throw FerException.badInput("the expression classifier " + classifier.getClass().getSimpleName()
          + " cannot explain its decisions; use a fer4j model or face-api's expression net");
    }
    if (images.size() != sources.size()) {
      throw new IllegalArgumentException(images.size() + " images but " + sources.size() + " sources");
    }
    if (images.isEmpty()) {
      return List.of();
    }
    FaceLocator.Located located = locator.locate(images);
    List<FaceInput> faces = located.faces();
    List<float[]> probs = faces.isEmpty() ? List.of() : classifier.classify(faces);
    float[][] ages = ageGender && !faces.isEmpty() ? FaceLocator.ageAndGender(ageGenderNet, faces) : null;
    List<FaceExplanation> maps =
        explain && !faces.isEmpty() ? ((ExplainableClassifier) classifier).explain(faces, explainMethod) : null;
    return FaceResults.assemble(images, sources, classifier.labels(), faces, located.kept(), located.owner(), probs, ages, maps);
  }

  @Override
  public void close() {
    if (compiledClassifier != null) {
      compiledClassifier.close();
    }
    if (ownsModels) {
      models.close();
    }
    if (humanModels != null) {
      humanModels.close();
    }
  }

  /** Builder: {@code setWeights} or {@code setModels} is required. */
  public static final class Builder {
    private Path weights;
    private FaceApiModels models;
    private Detector detector = Detector.TINY;
    private int inputSize = 416;
    private double minScore = 0.5;
    private int maxResults = 100;
    private boolean ageGender = true;
    private int batchSize = 8;
    private int decodeThreads;
    private ExpressionClassifier classifier;
    private PretrainedClassifier pretrained = PretrainedClassifier.FACEAPI;
    private boolean flipTta;
    private Path humanModels;
    private CamMethod explainMethod;
    private InferenceEngine engine = InferenceEngine.DEFAULT;

    /** A folder with face-api's weight files; the predictor loads and owns them. */
    public Builder setWeights(Path dir) {
      this.weights = dir;
      return this;
    }

    /** Networks already loaded and shared (the caller closes them). */
    public Builder setModels(FaceApiModels models) {
      this.models = models;
      return this;
    }

    public Builder optDetector(Detector detector) {
      this.detector = detector;
      return this;
    }

    /** Tiny detector input side, a multiple of 32 (default 416). */
    public Builder optInputSize(int size) {
      this.inputSize = size;
      return this;
    }

    /** Minimum detector score in (0, 1) (default 0.5). */
    public Builder optMinScore(double score) {
      this.minScore = score;
      return this;
    }

    /** Most faces per image for the SSD detector (default 100). */
    public Builder optMaxResults(int n) {
      this.maxResults = n;
      return this;
    }

    /** Whether to run the age/gender net (default true). */
    public Builder optAgeGender(boolean on) {
      this.ageGender = on;
      return this;
    }

    /** Images per detector batch in {@link #predictFiles} (default 8). */
    public Builder optBatchSize(int n) {
      this.batchSize = n;
      return this;
    }

    /**
     * Threads that decode the files of one {@link #predictFiles} batch in parallel (0, the default:
     * the engine's thread count, so {@code --threads 1} keeps the whole pipeline on one core).
     */
    public Builder optDecodeThreads(int n) {
      this.decodeThreads = n;
      return this;
    }

    /**
     * A pretrained classifier ({@code --classifier}); Human's nets come from {@code humanModels},
     * or the cache when null. {@link #optClassifier(ExpressionClassifier)} takes precedence.
     */
    public Builder optClassifier(PretrainedClassifier choice, Path humanModels) {
      this.pretrained = java.util.Objects.requireNonNull(choice, "choice");
      this.humanModels = humanModels;
      return this;
    }

    /** Average each face's probabilities with its mirror image's ({@code --tta flip}, {@link FlipTtaClassifier}). */
    public Builder optFlipTta(boolean on) {
      this.flipTta = on;
      return this;
    }

    /** A classifier other than face-api's expression net, e.g. a trained fer4j model. */
    public Builder optClassifier(ExpressionClassifier classifier) {
      this.classifier = classifier;
      return this;
    }

    /**
     * Attach a heat map of the top expression to every face by default ({@link
     * FaceResult#explanation()}), computed with this method; {@link ExpressionPredictor#predict(List,
     * List, boolean)} can still switch it per call. Costs one backward pass per batch of faces.
     */
    public Builder optExplain(CamMethod method) {
      this.explainMethod = method;
      return this;
    }

    /**
     * What runs the networks' forward passes (default {@link InferenceEngine#DEFAULT}): face-api's
     * nets and a {@link BlockExpressionClassifier} given to {@link #optClassifier(ExpressionClassifier)}.
     * Human's nets and explanations stay on DJL.
     */
    public Builder optEngine(InferenceEngine engine) {
      this.engine = java.util.Objects.requireNonNull(engine, "engine");
      return this;
    }

    public ExpressionPredictor build() {
      if (explainMethod != null && classifier != null && !(classifier instanceof ExplainableClassifier)) {
        throw FerException.badInput("optExplain needs a classifier that can explain; "
            + classifier.getClass().getSimpleName() + " cannot");
      }
      if ((weights == null) == (models == null)) {
        throw FerException.badInput("ExpressionPredictor needs exactly one of setWeights(dir) or setModels(models)");
      }
      if (inputSize <= 0 || inputSize % 32 != 0) {
        throw FerException.badInput("detector input size must be a positive multiple of 32, was " + inputSize);
      }
      if (!(minScore > 0 && minScore < 1)) {
        throw FerException.badInput("minimum face score must be in (0, 1), was " + minScore);
      }
      if (decodeThreads < 0) {
        throw FerException.badInput("decoding threads must be >= 0 (0 = the engine's thread count), was " + decodeThreads);
      }
      if (batchSize < 1 || maxResults < 1) {
        throw FerException.badInput("batch size and max results must be >= 1");
      }
      if (models != null) {
        return new ExpressionPredictor(this, models, false);
      }
      Set<Net> nets = java.util.EnumSet.of(Net.LANDMARKS_68);
      nets.add(detector == Detector.TINY ? Net.TINY_FACE_DETECTOR : Net.SSD_MOBILENET_V1);
      if (classifier == null && pretrained != PretrainedClassifier.FER2013) {
        nets.add(Net.EXPRESSIONS);
      }
      if (ageGender) {
        nets.add(Net.AGE_GENDER);
      }
      FaceApiModels loaded = FaceApiModels.load(weights, nets);
      try {
        return new ExpressionPredictor(this, loaded, true);
      } catch (RuntimeException e) {
        loaded.close();
        throw e;
      }
    }
  }
}
