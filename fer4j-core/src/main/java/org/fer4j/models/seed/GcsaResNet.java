package org.fer4j.models.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.TransformerEncoder;
import org.fer4j.layers.attention.AttentionOptions;
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedBlock;
import org.fer4j.models.backbones.ResNetBlock;

/**
 * GCSA-ResNet-18 for dynamic FER (seed 000), laid out as GCA+IAL: Li, Niu, Zhu, Zhao,
 * "Intensity-Aware Loss for Dynamic Facial Expression Recognition in the Wild", AAAI 2023, <a
 * href="https://arxiv.org/abs/2208.10335">arXiv:2208.10335</a> ({@code
 * muse1998/IAL-for-Facial-Expression-Recognition:final_model.py}); docs/methods.md#gcsa-cai.
 *
 * <p>Input clips {@code (B, 3, T, H, W)} (T=16, 112x112, RGB in [0,1]). Frames run through a
 * two-conv stem, layer1, layer2 + {@link org.fer4j.layers.attention.GcsaBlock GCA} and layer3 +
 * GCA; the dynamic branch takes frame differences through three BasicBlocks, the static branch a
 * strided conv and a spatial transformer (dim 256, depth 2, 4 heads of 32, MLP 256) over the
 * positions of frames 0..T-2; their sum is flattened per frame (4096-d at 112) and a temporal
 * transformer (depth 2, 4 heads of 32, MLP 512) mixes the T-1 frames; the mean token feeds the
 * classifier. Output: {@code [logits, aux_layer2, aux_layer3]} for {@link
 * org.fer4j.losses.CaiLoss}, then the coupled per-frame channel attention of layer2 and layer3,
 * {@code (B, T, C)} each, for explanations. The global-conv kernels and the positional embeddings are sized from
 * the input at initialisation (14 and 7 at 112). Option {@code squeeze}: gconv, avg, both.
 *
 * <p>As a {@link StagedModel} the stages {@code stem, layer1, layer2, layer3} run on the frames
 * (stage 0 takes the clip and returns {@code (B*T, C, H, W)}) and the head (dual branch, temporal
 * transformer, classifier) returns the logits only; Grad-CAM at {@code layer3} gives one map per
 * frame.
 *
 * <p>Parameters at 112x112, 7 classes: 18.9M (12.9M of them in the 4096-wide temporal transformer);
 * the GCA+IAL paper gives no count. 5.6 GMACs per 16-frame clip.
 */
public final class GcsaResNet extends StagedBlock implements MacCounting {
  private static final List<String> STAGES = List.of("stem", "layer1", "layer2", "layer3");
  private static final int WIDTH = 256;

  private final int numClasses;
  private final List<Block> stem;
  private final ResNetBlock layer1;
  private final ResNetBlock layer2;
  private final ResNetBlock layer3;
  private final IndexedSequential dynamic;
  private final Block staticConv;
  private final Block staticBn;
  private final Parameter staticPos;
  private final TransformerEncoder spatial;
  private final Parameter temporalPos;
  private final TransformerEncoder temporal;
  private final Linear fc;
  private final int temporalDim;

  private GcsaResNet(Builder b) {
    super(STAGES, "layer3", ModelView.GCSA_STRIP);
    numClasses = b.numClasses;
    AttentionOptions gca = b.options.withFrames(b.frames);
    stem =
        List.of(
            addChildBlock("conv1", TorchLayers.conv2d(64, 3, 2, 1, 1, false)),
            addChildBlock("bn1", TorchLayers.batchNorm2d()),
            addChildBlock("relu", Lambda.relu()),
            addChildBlock("conv2", TorchLayers.conv2d(64, 3, 1, 1, 1, false)),
            addChildBlock("bn2", TorchLayers.batchNorm2d()),
            Lambda.relu(),
            addChildBlock("maxpool", Lambda.maxPool2d(3, 2, 1)));
    layer1 = addChildBlock("layer1", ResNetBlock.basic(64, 64, 1));
    layer2 = addChildBlock("layer2", ResNetBlock.basic(64, 128, 2, new ResNetBlock.Attention("gcsa", gca)));
    layer3 = addChildBlock("layer3", ResNetBlock.basic(128, WIDTH, 2, new ResNetBlock.Attention("gcsa", gca)));
    dynamic =
        addChildBlock(
            "dynamic",
            new IndexedSequential()
                .addAll(
                    ResNetBlock.basic(WIDTH, WIDTH, 2),
                    ResNetBlock.basic(WIDTH, WIDTH, 1),
                    ResNetBlock.basic(WIDTH, WIDTH, 1)));
    staticConv = addChildBlock("static_conv", TorchLayers.conv2d(WIDTH, 3, 2, 1, 1, false));
    staticBn = addChildBlock("static_bn", TorchLayers.batchNorm2d());
    int tokens = half(b.size, 5) * half(b.size, 5);
    temporalDim = WIDTH * tokens;
    staticPos = addParameter(position("static_pos", new Shape(1, tokens, WIDTH)));
    spatial =
        addChildBlock(
            "spatial",
            TransformerEncoder.builder()
                .setDim(WIDTH)
                .setDepth(2)
                .setHeads(4)
                .optDimHead(32)
                .optMlpDim(256)
                .build());
    temporalPos = addParameter(position("temporal_pos", new Shape(1, b.frames, temporalDim)));
    temporal =
        addChildBlock(
            "temporal",
            TransformerEncoder.builder()
                .setDim(temporalDim)
                .setDepth(2)
                .setHeads(4)
                .optDimHead(32)
                .optMlpDim(512)
                .build());
    fc = addChildBlock("fc", TorchLayers.linear(temporalDim, numClasses));
    TorchLayers.initialize(
        this, ai.djl.nn.convolutional.Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
  }

  private static Parameter position(String name, Shape shape) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.WEIGHT)
        .optShape(shape)
        .optInitializer(new NormalInitializer(1f))
        .build();
  }

  /** Side after {@code times} stride-2 steps with "same" padding: ceil(size / 2^times). */
  static int half(int size, int times) {
    int s = size;
    for (int i = 0; i < times; i++) {
      s = (s + 1) / 2;
    }
    return s;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray clip = inputs.head();
    Shape s = clip.getShape();
    long frames = temporalPos.getShape().get(1);
    if (s.dimension() != 5 || s.get(2) != frames) {
      throw FerException.badInput(
          "gcsa_resnet18 expects clips (B, C, "
              + frames
              + ", H, W), got "
              + s
              + "; build it with option frames="
              + (s.dimension() == 5 ? s.get(2) : "T"));
    }
    long b = s.get(0);
    NDArray x = forwardStage(ps, 0, clip, training);
    x = BlockCalls.forward(layer1, ps, x, training);
    NDList l2 = layer2.forward(ps, new NDList(x), training);
    NDList l3 = layer3.forward(ps, new NDList(l2.head()), training);
    NDArray logits = classify(ps, l3.head(), b, frames, training);
    return new NDList(logits, l2.get(1), l3.get(1), l2.get(2), l3.get(2));
  }

  /** Dual branch, temporal transformer and classifier on layer3's frames {@code (B*T, C, h, w)}. */
  private NDArray classify(ParameterStore ps, NDArray l3, long b, long frames, boolean training) {
    NDArray fused = dualBranch(ps, l3, b, frames, training);
    NDArray pos =
        BlockCalls.stepScoped(
            ps.getValue(temporalPos, l3.getDevice(), training).get(":, 0:" + (frames - 1)), l3);
    NDArray tokens = temporal.forward(ps, new NDList(fused.add(pos)), training).head();
    return BlockCalls.forward(fc, ps, tokens.mean(new int[] {1}), training);
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    return switch (stage) {
      case 0 -> {
        Shape s = x.getShape();
        NDArray y = x.transpose(0, 2, 1, 3, 4).reshape(s.get(0) * s.get(2), s.get(1), s.get(3), s.get(4));
        for (Block blk : stem) {
          y = BlockCalls.forward(blk, ps, y, training);
        }
        yield y;
      }
      case 1 -> BlockCalls.forward(layer1, ps, x, training);
      case 2 -> BlockCalls.forward(layer2, ps, x, training);
      default -> BlockCalls.forward(layer3, ps, x, training);
    };
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray l3, boolean training) {
    long frames = temporalPos.getShape().get(1);
    return new NDList(classify(ps, l3, l3.getShape().get(0) / frames, frames, training));
  }

  /** Static (spatial transformer) plus dynamic (frame differences) features, (B, T-1, D). */
  private NDArray dualBranch(ParameterStore ps, NDArray f, long b, long frames, boolean training) {
    Shape fs = f.getShape();
    NDArray f5 = f.reshape(b, frames, fs.get(1), fs.get(2), fs.get(3));
    Shape pairs = new Shape(b * (frames - 1), fs.get(1), fs.get(2), fs.get(3));
    NDArray later = f5.get(":, 1:").reshape(pairs);
    NDArray earlier = f5.get(":, 0:" + (frames - 1)).reshape(pairs);
    NDArray dyn = BlockCalls.forward(dynamic, ps, later.sub(earlier), training);
    NDArray st = BlockCalls.forward(staticConv, ps, earlier, training);
    st = Activation.relu(BlockCalls.forward(staticBn, ps, st, training));
    Shape ss = st.getShape();
    NDArray tok = st.reshape(ss.get(0), ss.get(1), ss.get(2) * ss.get(3)).transpose(0, 2, 1);
    tok = tok.add(ps.getValue(staticPos, f.getDevice(), training));
    tok = spatial.forward(ps, new NDList(tok), training).head();
    st = tok.transpose(0, 2, 1).reshape(ss);
    return st.add(dyn).reshape(b, frames - 1, ss.get(1) * ss.get(2) * ss.get(3));
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    if (s.dimension() != 5
        || s.get(2) != temporalPos.getShape().get(1)
        || (long) WIDTH * half((int) s.get(3), 5) * half((int) s.get(4), 5) != temporalDim) {
      throw FerException.badInput(
          "gcsa_resnet18 was built for clips (B, 3, "
              + temporalPos.getShape().get(1)
              + ", H, W) with "
              + temporalDim / WIDTH
              + " static tokens but is initialised with "
              + s
              + "; set options frames and size");
    }
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    long frames = s.get(2);
    long bt = s.get(0) * frames;
    Shape cur = new Shape(bt, s.get(1), s.get(3), s.get(4));
    for (Block blk : stem) {
      cur = BlockCalls.initialize(blk, manager, dataType, cur);
    }
    cur = BlockCalls.initialize(layer1, manager, dataType, cur);
    cur = BlockCalls.initialize(layer2, manager, dataType, cur);
    cur = BlockCalls.initialize(layer3, manager, dataType, cur);
    Shape pairs = new Shape(s.get(0) * (frames - 1), cur.get(1), cur.get(2), cur.get(3));
    Shape small = BlockCalls.initialize(dynamic, manager, dataType, pairs);
    BlockCalls.initialize(staticConv, manager, dataType, pairs);
    staticBn.initialize(manager, dataType, small);
    long tokens = small.get(2) * small.get(3);
    spatial.initialize(manager, dataType, new Shape(pairs.get(0), tokens, WIDTH));
    temporal.initialize(manager, dataType, new Shape(s.get(0), frames - 1, temporalDim));
    fc.initialize(manager, dataType, new Shape(s.get(0), temporalDim));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    long frames = temporalPos.getShape().get(1);
    return new Shape[] {
      new Shape(b, numClasses),
      new Shape(b, numClasses),
      new Shape(b, numClasses),
      new Shape(b, frames, 128),
      new Shape(b, frames, WIDTH)
    };
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape s = inputShapes[0];
    long frames = s.get(2);
    Shape cur = new Shape(s.get(0) * frames, s.get(1), s.get(3), s.get(4));
    long total = 0;
    for (Block blk :
        List.of(
            stem.get(0),
            stem.get(1),
            stem.get(2),
            stem.get(3),
            stem.get(4),
            stem.get(6),
            layer1,
            layer2,
            layer3)) {
      total += MacCounter.count(blk, cur);
      cur = BlockCalls.outputShape(blk, cur);
    }
    Shape pairs = new Shape(s.get(0) * (frames - 1), cur.get(1), cur.get(2), cur.get(3));
    Shape small = BlockCalls.outputShape(dynamic, pairs);
    total += MacCounter.count(dynamic, pairs) + MacCounter.count(staticConv, pairs);
    total += spatial.macs(new Shape(pairs.get(0), small.get(2) * small.get(3), WIDTH));
    total += temporal.macs(new Shape(s.get(0), frames - 1, temporalDim));
    return total + MacCounter.count(fc, new Shape(s.get(0), temporalDim));
  }

  /** Builder: everything optional: classes 7, frames 16, size 112, GCA options (squeeze). */
  public static final class Builder {
    private int numClasses = 7;
    private int frames = 16;
    private int size = 112;
    private AttentionOptions options = AttentionOptions.defaults();

    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    public Builder optFrames(int frames) {
      this.frames = frames;
      return this;
    }

    /** Square input side the positional embeddings are sized for. */
    public Builder optSize(int size) {
      this.size = size;
      return this;
    }

    public Builder optOptions(AttentionOptions options) {
      this.options = options;
      return this;
    }

    public GcsaResNet build() {
      if (numClasses < 1 || frames < 2 || size < 32) {
        throw FerException.badInput(
            "gcsa_resnet18 needs numClasses >= 1, frames >= 2 and size >= 32;"
                + " got numClasses="
                + numClasses
                + " frames="
                + frames
                + " size="
                + size);
      }
      options = new AttentionOptions(options.reduction(), frames, options.squeeze(), numClasses);
      return new GcsaResNet(this);
    }
  }
}
