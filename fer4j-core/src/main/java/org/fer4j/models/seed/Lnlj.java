package org.fer4j.models.seed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.RegionGrid;
import org.fer4j.layers.SpatialPool;
import org.fer4j.layers.TorchLayers;
import org.fer4j.layers.UNet;
import org.fer4j.layers.attention.NonLocalBlock;
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedBlock;
import org.fer4j.models.backbones.ResNetBlock;

/**
 * Local Non-local Joint network (LNLJ, seed 003): Shi, Mao, Gou, Yan, Jiao, Xiong, "Adaptively
 * Enhancing Facial Expression Crucial Regions via a Local Non-local Joint Network", Machine
 * Intelligence Research 21(2):331-348, 2024, <a
 * href="https://doi.org/10.1007/s11633-023-1417-9">DOI 10.1007/s11633-023-1417-9</a> (preprint <a
 * href="https://arxiv.org/abs/2203.14045">arXiv:2203.14045</a>). Only the abstract was available,
 * so the layout is fer4j's inferred one (docs/methods.md#lnlj):
 *
 * <ul>
 *   <li>a {@link UNet} (depth 4, width 16 by default) gives the integrated feature map;
 *   <li>K regions (2x2, or 3x3 with optional overlap) each go through their own small ResNet (3x3
 *       stem, three BasicBlocks of 128, 256, 512 with stride 2), GAP to f_k (512-d) and a
 *       classifier z_k;
 *   <li>a non-local network on the whole map (stem, BasicBlock, embedded-Gaussian {@link
 *       NonLocalBlock}, BasicBlock, GAP) gives K softmax region weights w and its own logits;
 *   <li>{@code f = sum_k w_k f_k} goes to the fused classifier.
 * </ul>
 *
 * <p>Output: {@code [fused, z_1..z_K, w]}, plus {@code z_nonlocal} last with option {@code
 * nonlocal_head=true} (for a loss whose {@code nonlocal} weight trains it; without one the head is
 * not built). Option {@code regions_from=image} cuts the
 * regions from the input image instead of the U-Net output. 22.5M parameters for K=4 at 7 classes
 * (the paper's count is not known).
 *
 * <p>The ablations of docs/methods.md#lnlj are values of option {@code fusion} ({@link
 * LnljFusion}); the abstract only names "interactive feedback" (the non-local weights "are fed into the
 * local part"), so what each ablation removes is inferred:
 *
 * <ul>
 *   <li>{@code features} (default; {@code nonlocal} is read as this): the full model above,
 *       weights fed back into the features;
 *   <li>{@code logits}: {@code fused = sum_k w_k z_k}, no feature classifier;
 *   <li>{@code losses}: the weights weigh the region losses ({@code sum_k w_k CE(z_k)} in {@link
 *       org.fer4j.losses.LnljLoss}); {@code fused = log sum_k w_k softmax(z_k)} for decisions;
 *   <li>{@code uniform} ("no non-local network"): no non-local network, {@code w = 1/K}; output
 *       {@code [fused, z_1..z_K, w]};
 *   <li>{@code late} ("late fusion without feeding the weights back", registered as {@code
 *       lnlj_late_fusion}): the local networks' decisions are mixed by the non-local weights,
 *       {@code fused = log sum_k w_k softmax(stop_gradient(z_k))}, so the weights neither scale the
 *       local features nor send any gradient into the local part, which learns from its own region
 *       losses only; there is no feature classifier {@code fc}. Output as the default;
 *   <li>{@code nonlocal_only} ("non-local network alone", registered as {@code
 *       lnlj_nonlocal_only}): U-Net and non-local network only, no local part, no region weights;
 *       output {@code [z_nonlocal]} (train it with the {@code ce} loss).
 * </ul>
 */
public final class Lnlj extends StagedBlock implements MacCounting {
  private final int numClasses;
  private final RegionGrid grid;
  private final UNet unet;
  private final List<IndexedSequential> locals = new ArrayList<>();
  private final List<Linear> localHeads = new ArrayList<>();
  private final IndexedSequential nonLocal;
  private final Linear weightHead;
  private final Linear nonLocalHead;
  private final Linear fc;
  private final LnljFusion fusion;

  private Lnlj(Builder b) {
    super(List.of("unet"), "unet", ModelView.LNLJ_WEIGHTS);
    numClasses = b.numClasses;
    fusion = b.fusion;
    int side = b.regions == 4 ? 2 : 3;
    grid = RegionGrid.builder().setGrid(side).optOverlap(b.overlap).build();
    unet =
        b.fromImage
            ? null
            : addChildBlock(
                "unet", UNet.builder().optDepth(b.unetDepth).optWidth(b.unetWidth).build());
    int localParts = fusion == LnljFusion.NONLOCAL_ONLY ? 0 : b.regions;
    for (int k = 0; k < localParts; k++) {
      locals.add(addChildBlock("local" + k, smallResNet(new int[] {128, 256, 512}, false)));
      localHeads.add(addChildBlock("local_fc" + k, TorchLayers.linear(numClasses)));
    }
    boolean nl = fusion != LnljFusion.UNIFORM;
    boolean weighted = nl && localParts > 0;
    nonLocal = nl ? addChildBlock("nonlocal", smallResNet(new int[] {128, 256}, true)) : null;
    weightHead = weighted ? addChildBlock("weight_fc", TorchLayers.linear(b.regions)) : null;
    // The non-local classifier exists only where something trains it: it is the whole model's
    // classifier without a local part, and otherwise only with nonlocal_head (the loss's
    // 'nonlocal' term); an output nothing trains would be noise.
    boolean nlHead = nl && (localParts == 0 || b.nonLocalHead);
    nonLocalHead = nlHead ? addChildBlock("nonlocal_fc", TorchLayers.linear(numClasses)) : null;
    fc = fusion.featureClassifier() && localParts > 0
        ? addChildBlock("fc", TorchLayers.linear(numClasses)) : null;
    TorchLayers.initialize(
        this, ai.djl.nn.convolutional.Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
  }

  /** Stem (3x3 s2, 64) then stride-2 BasicBlocks; a non-local block after the first if asked. */
  private static IndexedSequential smallResNet(int[] widths, boolean withNonLocal) {
    IndexedSequential net =
        new IndexedSequential()
            .addAll(
                TorchLayers.conv2d(64, 3, 2, 1, 1, false),
                TorchLayers.batchNorm2d(),
                Lambda.relu());
    int in = 64;
    for (int i = 0; i < widths.length; i++) {
      net.add(ResNetBlock.basic(in, widths[i], 2));
      in = widths[i];
      if (withNonLocal && i == 0) {
        net.add(NonLocalBlock.builder().setChannels(in).build());
      }
    }
    return net;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Number of regions K (0 without a local part). */
  @Override
  public int regions() {
    return locals.size();
  }

  /** The fusion (ablation) this model was built with. */
  public LnljFusion fusion() {
    return fusion;
  }

  /** The region grid over the integrated map (for explanations: where each region lies). */
  public RegionGrid grid() {
    return grid;
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    return unet == null ? x : BlockCalls.forward(unet, ps, x, training);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray map, boolean training) {
    NDArray g =
        nonLocal == null
            ? null
            : SpatialPool.mean(BlockCalls.forward(nonLocal, ps, map, training), false);
    NDArray nlLogits =
        nonLocalHead == null ? null : BlockCalls.forward(nonLocalHead, ps, g, training);
    if (locals.isEmpty()) {
      return new NDList(nlLogits);
    }
    NDList parts = grid.split(map);
    List<NDArray> feats = new ArrayList<>();
    NDList regionLogits = new NDList();
    for (int k = 0; k < parts.size(); k++) {
      NDArray f =
          SpatialPool.mean(BlockCalls.forward(locals.get(k), ps, parts.get(k), training), false);
      feats.add(f);
      regionLogits.add(BlockCalls.forward(localHeads.get(k), ps, f, training));
    }
    NDArray weightLogits =
        weightHead == null ? null : BlockCalls.forward(weightHead, ps, g, training);
    NDArray weights =
        weightLogits == null
            ? map.getManager()
                .ones(new Shape(map.getShape().get(0), parts.size()))
                .div((float) parts.size())
            : weightLogits.softmax(-1);
    NDList out = new NDList(fused(ps, feats, regionLogits, weights, weightLogits, training));
    out.addAll(regionLogits);
    out.add(weights);
    if (nlLogits != null) {
      out.add(nlLogits);
    }
    return out;
  }

  /**
   * The fused output: {@code fc(sum_k w_k f_k)} ({@link LnljFusion#FEATURES}, {@link LnljFusion#UNIFORM}),
   * {@code sum_k w_k z_k} ({@link LnljFusion#LOGITS}), or the log of the weighted mixture of the region
   * softmaxes, computed as a log-sum-exp over the regions ({@link LnljFusion#LOSSES}; {@link
   * LnljFusion#LATE} with the region logits detached).
   */
  private NDArray fused(
      ParameterStore ps,
      List<NDArray> feats,
      NDList regionLogits,
      NDArray weights,
      NDArray weightLogits,
      boolean training) {
    if (fusion.featureClassifier()) {
      NDArray stacked = NDArrays.stack(new NDList(feats), 1); // (N, K, 512)
      NDArray f = stacked.mul(weights.expandDims(2)).sum(new int[] {1});
      return BlockCalls.forward(fc, ps, f, training);
    }
    if (fusion == LnljFusion.LOGITS) {
      return NDArrays.stack(regionLogits, 1).mul(weights.expandDims(2)).sum(new int[] {1});
    }
    NDList logProbs = new NDList();
    for (NDArray z : regionLogits) {
      logProbs.add((fusion == LnljFusion.LATE ? z.stopGradient() : z).logSoftmax(-1));
    }
    NDArray logWeights = weightLogits.logSoftmax(-1).expandDims(2);
    NDArray terms = NDArrays.stack(logProbs, 1).add(logWeights); // (N, K, C)
    NDArray top = terms.max(new int[] {1}, true).stopGradient();
    return terms.sub(top).exp().sum(new int[] {1}).log().add(top.squeeze(1));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape map =
        unet == null
            ? inputShapes[0]
            : BlockCalls.initialize(unet, manager, dataType, inputShapes[0]);
    Shape region = regionShape(map);
    long n = map.get(0);
    for (int k = 0; k < locals.size(); k++) {
      Shape f = BlockCalls.initialize(locals.get(k), manager, dataType, region);
      localHeads.get(k).initialize(manager, dataType, new Shape(n, f.get(1)));
    }
    if (fc != null) {
      fc.initialize(manager, dataType, new Shape(n, 512));
    }
    if (nonLocal != null) {
      Shape g = new Shape(n, BlockCalls.initialize(nonLocal, manager, dataType, map).get(1));
      if (nonLocalHead != null) {
        nonLocalHead.initialize(manager, dataType, g);
      }
      if (weightHead != null) {
        weightHead.initialize(manager, dataType, g);
      }
    }
  }

  private Shape regionShape(Shape map) {
    return new Shape(map.get(0), map.get(1), grid.window(map.get(2)), grid.window(map.get(3)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    List<Shape> out = new ArrayList<>();
    if (locals.isEmpty()) {
      return new Shape[] {new Shape(n, numClasses)};
    }
    for (int k = 0; k <= locals.size(); k++) {
      out.add(new Shape(n, numClasses));
    }
    out.add(new Shape(n, locals.size()));
    if (nonLocalHead != null) {
      out.add(new Shape(n, numClasses));
    }
    return out.toArray(new Shape[0]);
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape map = unet == null ? inputShapes[0] : BlockCalls.outputShape(unet, inputShapes[0]);
    long total = unet == null ? 0 : unet.macs(inputShapes[0]);
    Shape region = regionShape(map);
    long n = map.get(0);
    for (int k = 0; k < locals.size(); k++) {
      total += MacCounter.count(locals.get(k), region);
      Shape f = new Shape(n, BlockCalls.outputShape(locals.get(k), region).get(1));
      total += MacCounter.count(localHeads.get(k), f);
    }
    if (nonLocal != null) {
      total += MacCounter.count(nonLocal, map);
      Shape g = new Shape(n, BlockCalls.outputShape(nonLocal, map).get(1));
      total += nonLocalHead == null ? 0 : MacCounter.count(nonLocalHead, g);
      total += weightHead == null ? 0 : MacCounter.count(weightHead, g);
    }
    return total + (fc == null ? 0 : n * 512L * numClasses);
  }

  /** Builder: all optional: classes 7, regions 4 (or 9), overlap 0, U-Net 4 x 16, fusion. */
  public static final class Builder {
    private int numClasses = 7;
    private int regions = 4;
    private double overlap;
    private int unetDepth = 4;
    private int unetWidth = 16;
    private LnljFusion fusion = LnljFusion.FEATURES;
    private boolean nonLocalHead;
    private boolean fromImage;

    public Builder optNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    /** 4 (2x2 quadrants) or 9 (3x3 grid). */
    public Builder optRegions(int regions) {
      this.regions = regions;
      return this;
    }

    /** Window overlap fraction for the region grid (see {@link RegionGrid}). */
    public Builder optOverlap(double overlap) {
      this.overlap = overlap;
      return this;
    }

    public Builder optUnet(int depth, int width) {
      this.unetDepth = depth;
      this.unetWidth = width;
      return this;
    }

    /**
     * {@code features} (default), {@code logits}, {@code losses}, {@code uniform}, {@code late} or
     * {@code nonlocal_only}; {@code nonlocal}, the name {@code features} had before, still reads.
     */
    public Builder optFusion(String fusion) {
      String f = fusion.toLowerCase(Locale.ROOT);
      f = f.equals("nonlocal") ? LnljFusion.FEATURES.key() : f;
      for (LnljFusion candidate : LnljFusion.values()) {
        if (candidate.key().equals(f)) {
          this.fusion = candidate;
          return this;
        }
      }
      throw FerException.badInput(
          "LNLJ option fusion was '"
              + fusion
              + "'; valid: "
              + java.util.Arrays.stream(LnljFusion.values()).map(LnljFusion::key).toList());
    }

    /**
     * Build the non-local network's own classifier beside the local part and return its logits
     * last ({@code z_nonlocal}); only for a loss that trains it (LNLJ loss weight {@code
     * nonlocal}).
     */
    public Builder optNonLocalHead(boolean head) {
      this.nonLocalHead = head;
      return this;
    }

    /** {@code unet} (default) or {@code image}: where the regions are cut from. */
    public Builder optRegionsFrom(String source) {
      String s = source.toLowerCase(Locale.ROOT);
      if (!s.equals("unet") && !s.equals("image")) {
        throw FerException.badInput(
            "LNLJ option regions_from was '" + source + "'; valid: unet, image");
      }
      this.fromImage = s.equals("image");
      return this;
    }

    public Lnlj build() {
      if (regions != 4 && regions != 9) {
        throw FerException.badInput("LNLJ option regions must be 4 or 9, was " + regions);
      }
      if (numClasses < 1) {
        throw FerException.badInput("LNLJ numClasses must be >= 1, was " + numClasses);
      }
      return new Lnlj(this);
    }
  }
}
