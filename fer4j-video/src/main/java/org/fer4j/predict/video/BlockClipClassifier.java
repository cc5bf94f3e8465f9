package org.fer4j.predict.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.RgbImage;
import org.fer4j.models.ModelSpec;
import org.fer4j.onnx.ExportInfo;
import org.fer4j.onnx.OrtNet;
import org.fer4j.predict.Softmax;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.run.TrainedModel;

/**
 * A fer4j clip model (input {@code (B, 3, T, H, W)}, logits first in its output) as the video
 * pipeline's {@link ClipClassifier}: e.g. GCSA-ResNet-18 (GCA+IAL, Li et al., AAAI 2023,
 * <a href="https://arxiv.org/abs/2208.10335">arXiv:2208.10335</a>) with T = 16 frames of 112x112,
 * RGB scaled to [0,1]. Crops are prepared by {@link ModelInput} for the model's {@link
 * PreprocessConfig} (anti-aliased resize and normalisation, as training's evaluation), all clips
 * of a call go through the block in one batch under their own NDManager, and the logits are
 * soft-maxed. Thread-safe when the block's inference forward is. {@link #onEngine} gives the same
 * classifier on ONNX Runtime (the block exported in memory), as {@code --engine onnxruntime} asks.
 */
public final class BlockClipClassifier implements ClipClassifier, AutoCloseable {
  private final Block block;
  private final ModelInput input;
  private final LabelSpace labels;
  private final OrtNet ort;

  /**
   * @param block an initialised block (trained weights loaded), clips in, logits first out
   * @param preprocess square RGB input, {@code frames > 1}
   * @param labels the classes of the logits
   */
  public BlockClipClassifier(Block block, PreprocessConfig preprocess, LabelSpace labels) {
    if (preprocess.channels() != 3 || preprocess.height() != preprocess.width() || preprocess.frames() < 2) {
      throw new IllegalArgumentException("a clip model takes square RGB clips of 2+ frames; got "
          + preprocess.channels() + "x" + preprocess.frames() + "x" + preprocess.height() + "x" + preprocess.width());
    }
    this.block = block;
    this.input = ModelInput.of(preprocess);
    this.labels = labels;
    this.ort = null;
  }

  private BlockClipClassifier(BlockClipClassifier djl, OrtNet ort) {
    this.block = djl.block;
    this.input = djl.input;
    this.labels = djl.labels;
    this.ort = ort;
  }

  /**
   * This classifier with its forward pass on {@code engine}: itself when it already runs there,
   * else a new one the caller closes (it owns an ONNX Runtime session).
   *
   * @param threads ONNX Runtime intra-op threads (0: all cores)
   * @throws FerException BAD_INPUT naming the block when the exporter cannot convert the model
   */
  public BlockClipClassifier onEngine(InferenceEngine engine, int threads) {
    if (engine == engine()) {
      return this;
    }
    ExportInfo info = new ExportInfo(block.getClass().getSimpleName(), input.config(), labels, Map.of("weights", "in memory"));
    return new BlockClipClassifier(this, engine == InferenceEngine.DJL ? null : OrtNet.compile(block, info, threads));
  }

  /** The engine that runs {@link #classify}. */
  public InferenceEngine engine() {
    return ort == null ? InferenceEngine.DJL : InferenceEngine.ONNXRUNTIME;
  }

  /** A registered clip model's input format and labels, with its weights already in the block. */
  public static BlockClipClassifier of(ModelSpec spec, Block initialisedBlock) {
    return new BlockClipClassifier(initialisedBlock, spec.preprocess(), spec.labels());
  }

  /**
   * A trained clip run (e.g. {@code gcsa_resnet18} with {@code data.frames} 16) as the clip
   * classifier: its block, frame count, input size, normalisation and class names. The caller
   * keeps the run open while classifying.
   *
   * @throws FerException when the run is a static (single-frame) model
   */
  public static BlockClipClassifier of(TrainedModel run) {
    PreprocessConfig p = run.preprocess();
    if (p.frames() < 2 || p.channels() != 3) {
      throw FerException.badInput("run " + run.run().path() + " (" + run.config().model() + ") is not an RGB clip model"
          + " (frames " + p.frames() + ", channels " + p.channels() + "); use it as a per-frame classifier instead");
    }
    return new BlockClipClassifier(run.block(), p, run.labels());
  }

  @Override
  public LabelSpace labels() {
    return labels;
  }

  @Override
  public int frames() {
    return input.config().frames();
  }

  @Override
  public int size() {
    return input.config().width();
  }

  @Override
  public List<float[]> classify(List<List<RgbImage>> clips) {
    float[] batch = new float[clips.size() * input.itemLength()];
    for (int b = 0; b < clips.size(); b++) {
      List<RgbImage> clip = clips.get(b);
      if (clip.size() != frames()) {
        throw new IllegalArgumentException("clip " + b + " has " + clip.size() + " frames, the model takes " + frames());
      }
      List<FloatImage> frames = new ArrayList<>();
      for (RgbImage frame : clip) {
        frames.add(frame.toFloatImage());
      }
      input.writeClip(frames, batch, b * input.itemLength());
    }
    float[] logits = ort != null ? ort.run(batch, input.shape(clips.size()).getShape())[0] : djlLogits(batch, clips.size());
    List<float[]> out = new ArrayList<>();
    int k = labels.size();
    for (int b = 0; b < clips.size(); b++) {
      out.add(Softmax.of(logits, b * k, k));
    }
    return out;
  }

  private float[] djlLogits(float[] batch, int clips) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(batch, input.shape(clips));
      NDList result = block.forward(new ParameterStore(m, false), new NDList(x), false);
      return result.get(0).toFloatArray();
    }
  }

  /** Frees the ONNX Runtime session of a classifier {@link #onEngine} made; the block is the caller's. */
  @Override
  public void close() {
    java.util.Optional.ofNullable(ort).ifPresent(OrtNet::close);
  }
}
