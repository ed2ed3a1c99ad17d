package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code DepthwiseConv2D}: each input channel convolved with its own {@code depth_multiplier}
 * filters (no mixing of channels), channels-last, then an optional bias and an activation. Kernel
 * {@code depthwise_kernel} of shape {@code (kh, kw, C, M)} (glorot_uniform with Keras's fans), bias of
 * {@code C * M} (zeros); output channel {@code c * M + m}. Per-example gradients in closed form
 * from the input patches ({@link Depthwise#kernelGradients}).
 */
public final class DepthwiseConv2D extends Layer implements ParametricLayer {
  private final Depthwise conv;
  private final int multiplier;
  private final Activation activation;
  private final boolean useBias;
  private Parameter kernel;
  private Parameter bias;

  public DepthwiseConv2D(String name, int[] kernelSize, int depthMultiplier, int[] strides, int[] dilation,
      Padding padding, Activation activation, boolean useBias) {
    super(name);
    try {
      this.conv = new Depthwise(kernelSize, strides, dilation, padding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DepthwiseConv2D '" + name + "': " + e.getMessage(), e);
    }
    if (depthMultiplier <= 0) {
      throw new IllegalArgumentException("DepthwiseConv2D '" + name + "': depth multiplier must be positive");
    }
    this.multiplier = depthMultiplier;
    this.activation = activation;
    this.useBias = useBias;
  }

  public int[] kernelSize() {
    return conv.kernelSize().clone();
  }

  public int[] strides() {
    return conv.strides().clone();
  }

  public int[] dilation() {
    return conv.dilation().clone();
  }

  public Padding padding() {
    return conv.padding();
  }

  /** Filters per input channel. */
  public int depthMultiplier() {
    return multiplier;
  }

  public Activation activation() {
    return activation;
  }

  public boolean useBias() {
    return useBias;
  }

  @Override
  protected void createVariables(BuildContext ctx, long[] in) {
    int[] k = conv.kernelSize();
    kernel = ctx.addWeight(name(), "depthwise_kernel", new long[] {k[0], k[1], in[2], multiplier},
        GlorotUniform.INSTANCE);
    if (useBias) {
      bias = ctx.addWeight(name(), "bias", new long[] {in[2] * multiplier}, Initializer.ZEROS);
    }
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length != 3) {
      throw badInput(in, "(height, width, channels)");
    }
    long[] hw = conv.outputSize(in);
    if (hw == null) {
      throw badInput(in, "an image at least as large as the kernel with 'valid' padding");
    }
    return new long[] {hw[0], hw[1], in[2] * multiplier};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    Operand<TFloat32> z = conv.apply(tf, input, inputShape(), kernel.variable());
    if (useBias) {
      z = tf.nn.biasAdd(z, bias.variable());
    }
    taps.add(new LayerTap(this, input, z));
    return activation.apply(tf, z);
  }

  @Override
  public List<Parameter> parameters() {
    return useBias ? List.of(kernel, bias) : List.of(kernel);
  }

  /** The kernel gradient from the patches and delta; the bias gradient is delta summed over positions. */
  @Override
  public List<Operand<TFloat32>> perExampleGradients(Ops tf, Operand<TFloat32> input, Operand<TFloat32> delta) {
    Operand<TFloat32> dKernel = conv.kernelGradients(tf, input, inputShape(), multiplier, delta);
    return useBias ? List.of(dKernel, tf.reduceSum(delta, tf.constant(new int[] {1, 2}))) : List.of(dKernel);
  }

  @Override
  public String describe() {
    return "DepthwiseConv2D(" + conv.describe() + ", depth_multiplier=" + multiplier + ", "
        + activation.kerasName() + (useBias ? "" : ", no bias") + ")";
  }
}
