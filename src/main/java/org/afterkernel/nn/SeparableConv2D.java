package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code SeparableConv2D}: a depthwise convolution ({@code depthwise_kernel}, shape {@code (kh,
 * kw, C, M)}, no bias, with the layer's strides, dilation and padding) followed by a pointwise 1x1
 * convolution ({@code pointwise_kernel}, shape {@code (1, 1, C*M, filters)}), a bias and an
 * activation, as {@code tf.nn.separable_conv2d}. Variables in Keras order: depthwise kernel,
 * pointwise kernel, bias.
 *
 * <p>Per-example gradients in closed form from the layer's input and the gradient D at its linear
 * output: the pointwise kernel's is {@code H_i^T D_i} with H the depthwise output (recomputed from
 * the input); the depthwise kernel's comes from the input patches and the gradient at the depthwise
 * output, {@code D_i W_p^T}; the bias's is D summed over positions.
 */
public final class SeparableConv2D extends Layer implements ParametricLayer {
  private final Depthwise conv;
  private final int filters;
  private final int multiplier;
  private final Activation activation;
  private final boolean useBias;
  private Parameter depthwise;
  private Parameter pointwise;
  private Parameter bias;

  public SeparableConv2D(String name, int filters, int[] kernelSize, int depthMultiplier, int[] strides,
      int[] dilation, Padding padding, Activation activation, boolean useBias) {
    super(name);
    try {
      this.conv = new Depthwise(kernelSize, strides, dilation, padding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SeparableConv2D '" + name + "': " + e.getMessage(), e);
    }
    if (filters <= 0 || depthMultiplier <= 0) {
      throw new IllegalArgumentException("SeparableConv2D '" + name
          + "': filters and depth multiplier must be positive");
    }
    this.filters = filters;
    this.multiplier = depthMultiplier;
    this.activation = activation;
    this.useBias = useBias;
  }

  public int filters() {
    return filters;
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

  public int depthMultiplier() {
    return multiplier;
  }

  public Activation activation() {
    return activation;
  }

  public boolean useBias() {
    return useBias;
  }

  private long middle() {
    return inputShape()[2] * multiplier;
  }

  @Override
  protected void createVariables(BuildContext ctx, long[] in) {
    int[] k = conv.kernelSize();
    depthwise = ctx.addWeight(name(), "depthwise_kernel", new long[] {k[0], k[1], in[2], multiplier},
        GlorotUniform.INSTANCE);
    pointwise = ctx.addWeight(name(), "pointwise_kernel", new long[] {1, 1, in[2] * multiplier, filters},
        GlorotUniform.INSTANCE);
    if (useBias) {
      bias = ctx.addWeight(name(), "bias", new long[] {filters}, Initializer.ZEROS);
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
    return new long[] {hw[0], hw[1], filters};
  }

  private Operand<TFloat32> depthwiseOutput(Ops tf, Operand<TFloat32> input) {
    return conv.apply(tf, input, inputShape(), depthwise.variable());
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    Operand<TFloat32> z = tf.nn.conv2d(depthwiseOutput(tf, input), pointwise.variable(),
        List.of(1L, 1L, 1L, 1L), "VALID");
    if (useBias) {
      z = tf.nn.biasAdd(z, bias.variable());
    }
    taps.add(new LayerTap(this, input, z));
    return activation.apply(tf, z);
  }

  @Override
  public List<Parameter> parameters() {
    return useBias ? List.of(depthwise, pointwise, bias) : List.of(depthwise, pointwise);
  }

  @Override
  public List<Operand<TFloat32>> perExampleGradients(Ops tf, Operand<TFloat32> input, Operand<TFloat32> delta) {
    long mid = middle();
    long[] out = outputShape(inputShape());
    Operand<TFloat32> h = tf.reshape(depthwiseOutput(tf, input), Conv.batchShape(tf, input, -1, mid));
    Operand<TFloat32> d = tf.reshape(delta, Conv.batchShape(tf, input, -1, filters));
    Operand<TFloat32> dPointwise = tf.reshape(BatchedProduct.adjointTimes(tf, h, d),
        Conv.batchShape(tf, input, mid * filters));
    Operand<TFloat32> w = tf.reshape(pointwise.variable(), tf.constant(new long[] {mid, filters}));
    Operand<TFloat32> dMiddle = tf.reshape(
        tf.linalg.matMul(tf.reshape(delta, tf.constant(new long[] {-1, filters})), w,
            org.tensorflow.op.linalg.MatMul.transposeB(true)),
        Conv.batchShape(tf, input, out[0], out[1], mid));
    Operand<TFloat32> dDepthwise = conv.kernelGradients(tf, input, inputShape(), multiplier, dMiddle);
    return useBias ? List.of(dDepthwise, dPointwise, tf.reduceSum(delta, tf.constant(new int[] {1, 2})))
        : List.of(dDepthwise, dPointwise);
  }

  @Override
  public String describe() {
    return "SeparableConv2D(filters=" + filters + ", " + conv.describe() + ", depth_multiplier=" + multiplier
        + ", " + activation.kerasName() + (useBias ? "" : ", no bias") + ")";
  }
}
