package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2x2 transposed convolution with stride 2 (PyTorch's {@code ConvTranspose2d(c_in, c_out, 2,
 * stride=2)}, weight {@code (c_in, c_out, 2, 2)} plus a bias), the upsampling step of U-Net. DJL's
 * PyTorch engine does not implement deconvolution, and with kernel = stride the windows do not
 * overlap, so it is one matrix product: {@code out[n, o, 2i+a, 2j+b] = bias[o] + sum_c x[n, c, i,
 * j] W[c, o, a, b]}.
 */
public final class UpConv2x2 extends AbstractBlock implements MacCounting {
  private final int outChannels;
  private final Parameter weight;
  private final Parameter bias;

  /** Upsamples by 2 and maps to {@code outChannels} channels. */
  public UpConv2x2(int outChannels) {
    this.outChannels = outChannels;
    weight =
        addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    NDArray wt =
        BlockCalls.stepScoped(
            ps.getValue(weight, x.getDevice(), training).reshape(c, outChannels * 4L), x);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    NDArray y = x.transpose(0, 2, 3, 1).reshape(n * h * w, c).matMul(wt);
    y = y.reshape(n, h, w, outChannels, 2, 2).transpose(0, 3, 1, 4, 2, 5);
    y = y.reshape(n, outChannels, 2 * h, 2 * w);
    return new NDList(y.add(BlockCalls.stepScoped(b.reshape(1, outChannels, 1, 1), y)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), outChannels, 2 * in.get(2), 2 * in.get(3))};
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    weight.setShape(new Shape(inputShapes[0].get(1), outChannels, 2, 2));
    bias.setShape(new Shape(outChannels));
  }

  /** {@code c_out x 4} MACs per input element. */
  @Override
  public long macs(Shape... inputShapes) {
    return inputShapes[0].size() * outChannels * 4;
  }
}
