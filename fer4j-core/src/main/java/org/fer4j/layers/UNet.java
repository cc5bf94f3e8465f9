package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;

/**
 * U-Net encoder/decoder with skip connections, returning the decoder's full-resolution feature map
 * (no 1x1 output convolution): LNLJ's "integrated features". Ronneberger, Fischer, Brox, "U-Net:
 * Convolutional Networks for Biomedical Image Segmentation", MICCAI 2015, <a
 * href="https://arxiv.org/abs/1505.04597">arXiv:1505.04597</a>.
 *
 * <p>Level i of the encoder has {@code width * 2^i} channels ({@link DoubleConv}; 2x2 max-pool
 * between levels); each decoder level upsamples with a 2x2 stride-2 transposed convolution that
 * halves the channels, concatenates the skip, and applies a {@link DoubleConv}. Input {@code (N, C,
 * H, W)} with H and W divisible by {@code 2^depth}; output {@code (N, width, H, W)}.
 */
public final class UNet extends AbstractBlock implements MacCounting {
  private final int depth;
  private final int width;
  private final List<DoubleConv> down = new ArrayList<>();
  private final List<UpConv2x2> upConv = new ArrayList<>();
  private final List<DoubleConv> up = new ArrayList<>();

  private UNet(Builder b) {
    depth = b.depth;
    width = b.width;
    for (int i = 0; i <= depth; i++) {
      down.add(addChildBlock("down" + i, new DoubleConv(width << i)));
    }
    for (int i = depth - 1; i >= 0; i--) {
      upConv.add(addChildBlock("upconv" + i, new UpConv2x2(width << i)));
      up.add(addChildBlock("up" + i, new DoubleConv(width << i)));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Channels of the output map. */
  public int outChannels() {
    return width;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    checkSize(x.getShape());
    List<NDArray> skips = new ArrayList<>();
    for (int i = 0; i <= depth; i++) {
      if (i > 0) {
        x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
      }
      x = down.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
      skips.add(x);
    }
    for (int j = 0; j < depth; j++) {
      x = upConv.get(j).forward(ps, new NDList(x), training).singletonOrThrow();
      x = NDArrays.concat(new NDList(skips.get(depth - 1 - j), x), 1);
      x = up.get(j).forward(ps, new NDList(x), training).singletonOrThrow();
    }
    return new NDList(x);
  }

  private void checkSize(Shape s) {
    long unit = 1L << depth;
    if (s.dimension() != 4 || s.get(2) % unit != 0 || s.get(3) % unit != 0) {
      throw FerException.badInput(
          "UNet of depth "
              + depth
              + " needs (N, C, H, W) with H and W divisible by "
              + unit
              + ", got "
              + s
              + "; resize the input or lower the depth");
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), width, in.get(2), in.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    checkSize(inputShapes[0]);
    for (Shape[] io : levelShapes(inputShapes[0])) {
      // io = {down input, upconv input, up input}, one row per level
      int i = (int) io[3].get(0);
      down.get(i).initialize(manager, dataType, io[0]);
      if (i < depth) {
        upConv.get(depth - 1 - i).initialize(manager, dataType, io[1]);
        up.get(depth - 1 - i).initialize(manager, dataType, io[2]);
      }
    }
  }

  /** Per level: down input, upconv input (from level i+1), up input (after concat), level id. */
  private List<Shape[]> levelShapes(Shape in) {
    List<Shape[]> rows = new ArrayList<>();
    long n = in.get(0);
    long c = in.get(1);
    for (int i = 0; i <= depth; i++) {
      long h = in.get(2) >> i;
      long w = in.get(3) >> i;
      Shape downIn = new Shape(n, i == 0 ? c : (long) width << (i - 1), h, w);
      Shape upConvIn = new Shape(n, (long) width << (i + 1), h / 2, w / 2);
      Shape upIn = new Shape(n, (long) width << (i + 1), h, w);
      rows.add(new Shape[] {downIn, upConvIn, upIn, new Shape(i)});
    }
    return rows;
  }

  /** Encoder and decoder convolutions plus the transposed convolutions (C_out x 4 per input). */
  @Override
  public long macs(Shape... inputShapes) {
    long total = 0;
    for (Shape[] io : levelShapes(inputShapes[0])) {
      int i = (int) io[3].get(0);
      total += down.get(i).macs(io[0]);
      if (i < depth) {
        total += upConv.get(depth - 1 - i).macs(io[1]);
        total += up.get(depth - 1 - i).macs(io[2]);
      }
    }
    return total;
  }

  /** Builder: depth (4) and width (64) are optional. */
  public static final class Builder {
    private int depth = 4;
    private int width = 64;

    public Builder optDepth(int depth) {
      this.depth = depth;
      return this;
    }

    public Builder optWidth(int width) {
      this.width = width;
      return this;
    }

    public UNet build() {
      if (depth < 1 || depth > 6 || width < 1) {
        throw FerException.badInput(
            "UNet needs 1 <= depth <= 6 and width >= 1, got depth=" + depth + " width=" + width);
      }
      return new UNet(this);
    }
  }
}
