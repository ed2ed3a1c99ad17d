package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A general 2-D convolution over NHWC images, as Keras's base {@code Conv} with rank 2: any kernel
 * size, strides, dilation, "same"/"valid" padding, optional bias and an activation. Kernel shape
 * {@code (kh, kw, in_channels, filters)}, glorot_uniform with Keras's convolution fans; zero bias.
 */
public class Conv extends Layer implements ParametricLayer {
  private final int filters;
  private final int kernelHeight;
  private final int kernelWidth;
  private final int strideHeight;
  private final int strideWidth;
  private final int dilationHeight;
  private final int dilationWidth;
  private final Padding padding;
  private final Activation activation;
  private final boolean useBias;
  private Parameter kernel;
  private Parameter bias;

  public Conv(
      String name,
      int filters,
      int[] kernelSize,
      int[] strides,
      int[] dilation,
      Padding padding,
      Activation activation,
      boolean useBias) {
    super(name);
    if (filters <= 0 || kernelSize[0] <= 0 || kernelSize[1] <= 0 || strides[0] <= 0
        || strides[1] <= 0 || dilation[0] <= 0 || dilation[1] <= 0) {
      throw new IllegalArgumentException(
          "Conv '" + name + "': filters, kernel size, strides and dilation must be positive");
    }
    if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1)) {
      throw new IllegalArgumentException(
          "Conv '" + name + "': strides > 1 with dilation > 1 is not supported (nor by Keras)");
    }
    this.filters = filters;
    this.kernelHeight = kernelSize[0];
    this.kernelWidth = kernelSize[1];
    this.strideHeight = strides[0];
    this.strideWidth = strides[1];
    this.dilationHeight = dilation[0];
    this.dilationWidth = dilation[1];
    this.padding = padding;
    this.activation = activation;
    this.useBias = useBias;
  }

  /** Number of output channels. */
  public int filters() {
    return filters;
  }

  /** Kernel height and width. */
  public int[] kernelSize() {
    return new int[] {kernelHeight, kernelWidth};
  }

  /** Strides along height and width. */
  public int[] strides() {
    return new int[] {strideHeight, strideWidth};
  }

  /** Dilation rates along height and width. */
  public int[] dilation() {
    return new int[] {dilationHeight, dilationWidth};
  }

  /** Padding mode. */
  public Padding padding() {
    return padding;
  }

  /** The activation after the convolution. */
  public Activation activation() {
    return activation;
  }

  /** Whether the layer adds a bias. */
  public boolean useBias() {
    return useBias;
  }

  @Override
  protected void createVariables(BuildContext ctx, long[] in) {
    kernel =
        ctx.addWeight(
            name(), "kernel", new long[] {kernelHeight, kernelWidth, in[2], filters},
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
    long h = padding.outputSize(in[0], kernelHeight, strideHeight, dilationHeight);
    long w = padding.outputSize(in[1], kernelWidth, strideWidth, dilationWidth);
    if (h <= 0 || w <= 0) {
      throw badInput(in, "an image at least as large as the " + kernelHeight + "x" + kernelWidth
          + " kernel with 'valid' padding");
    }
    return new long[] {h, w, filters};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    Operand<TFloat32> z = dilationHeight == 1 && dilationWidth == 1
        ? tf.nn.conv2d(input, kernel.variable(),
            List.of(1L, (long) strideHeight, (long) strideWidth, 1L), padding.opValue())
        : dilatedConvolution(tf, input);
    if (useBias) {
      z = tf.nn.biasAdd(z, bias.variable());
    }
    taps.add(new LayerTap(this, input, z));
    return activation.apply(tf, z);
  }

  /** A dilated convolution through space to batch ({@link SpaceToBatch}). */
  private Operand<TFloat32> dilatedConvolution(Ops tf, Operand<TFloat32> input) {
    return SpaceToBatch.dilated(tf, input, inputShape(), kernelSize(), dilation(), padding,
        spread -> tf.nn.conv2d(spread, kernel.variable(), List.of(1L, 1L, 1L, 1L), "VALID"));
  }

  @Override
  public List<Parameter> parameters() {
    return useBias ? List.of(kernel, bias) : List.of(kernel);
  }

  /**
   * For a known batch size and no dilation, one Conv2DBackpropFilter per example (see {@link
   * PerExampleFilterGradients}); otherwise {@link #perExampleGradients(Ops, Operand, Operand)}'s
   * patches. The bias gradient is the output gradient summed over positions either way.
   */
  @Override
  public List<Operand<TFloat32>> perExampleGradients(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> delta, int batchSize) {
    if (batchSize <= 0 || dilationHeight > 1 || dilationWidth > 1) {
      return perExampleGradients(tf, input, delta);
    }
    Operand<TFloat32> dKernel = PerExampleFilterGradients.of(tf, input, delta, batchSize,
        kernel.shape(), strides(), padding);
    return useBias ? List.of(dKernel, biasGradients(tf, delta)) : List.of(dKernel);
  }

  private static Operand<TFloat32> biasGradients(Ops tf, Operand<TFloat32> delta) {
    return tf.reduceSum(delta, tf.constant(new int[] {1, 2}));
  }

  /**
   * Any batch size: the kernel gradient of example i is P_i^T D_i, where P_i holds example i's
   * input patches (one row per output position, ordered kh, kw, channel like the kernel) and D_i
   * its output gradients (one row per output position): one batched matmul for the whole batch.
   * The bias gradient is D_i summed over positions.
   */
  @Override
  public List<Operand<TFloat32>> perExampleGradients(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> delta) {
    long patch = (long) kernelHeight * kernelWidth * kernel.shape()[2];
    Operand<TFloat32> patches =
        Patches.of(tf, input, inputShape(), kernelSize(), strides(), dilation(), padding);
    Operand<TFloat32> p = tf.reshape(patches, batchShape(tf, input, -1, patch));
    Operand<TFloat32> d = tf.reshape(delta, batchShape(tf, input, -1, filters));
    // D_i^T P_i (filters x patch) runs about 1.5x faster than P_i^T D_i on CPU; transposing the
    // small result back to the kernel's (patch, filters) order costs less than the difference.
    Operand<TFloat32> transposed = BatchedProduct.adjointTimes(tf, d, p);
    Operand<TFloat32> dKernel = tf.reshape(
        tf.linalg.transpose(transposed, tf.constant(new int[] {0, 2, 1})),
        batchShape(tf, input, patch * filters));
    if (!useBias) {
      return List.of(dKernel);
    }
    return List.of(dKernel, biasGradients(tf, delta));
  }

  /** The shape {@code [batch size of x, dims...]}: reshapes that keep the batch, whatever its size. */
  static Operand<TInt64> batchShape(Ops tf, Operand<TFloat32> x, long... dims) {
    Operand<TInt64> n =
        tf.slice(tf.shape(x, TInt64.class), tf.constant(new long[] {0}), tf.constant(new long[] {1}));
    return tf.concat(List.of(n, tf.constant(dims)), tf.constant(0));
  }

  @Override
  public String describe() {
    return String.format(
        "%s(filters=%d, kernel=%dx%d, strides=%dx%d, dilation=%dx%d, %s, %s%s)",
        getClass().getSimpleName(), filters, kernelHeight, kernelWidth, strideHeight, strideWidth,
        dilationHeight, dilationWidth, padding.name().toLowerCase(java.util.Locale.ROOT),
        activation.kerasName(), useBias ? "" : ", no bias");
  }
}
