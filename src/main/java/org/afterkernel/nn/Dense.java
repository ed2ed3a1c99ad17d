package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Dense}: {@code activation(x . kernel + bias)} with a kernel of shape {@code (in,
 * units)}, glorot_uniform kernel and zero bias. Like Keras, it maps the last axis of its input:
 * a {@code (h, w, c)} input gives {@code (h, w, units)}, each position multiplied by the same
 * kernel (Keras's {@code tensordot}).
 */
public final class Dense extends Layer implements ParametricLayer {
  private final int units;
  private final Activation activation;
  private final boolean useBias;
  private Parameter kernel;
  private Parameter bias;

  public Dense(String name, int units, Activation activation, boolean useBias) {
    super(name);
    if (units <= 0) {
      throw new IllegalArgumentException("Dense '" + name + "': units must be positive, got " + units);
    }
    this.units = units;
    this.activation = activation;
    this.useBias = useBias;
  }

  public Dense(String name, int units, Activation activation) {
    this(name, units, activation, true);
  }

  /** Number of output units. */
  public int units() {
    return units;
  }

  /** The activation applied after the affine map. */
  public Activation activation() {
    return activation;
  }

  /** Whether the layer adds a bias. */
  public boolean useBias() {
    return useBias;
  }

  @Override
  protected void createVariables(BuildContext ctx, long[] in) {
    kernel = ctx.addWeight(name(), "kernel", new long[] {in[in.length - 1], units}, GlorotUniform.INSTANCE);
    if (useBias) {
      bias = ctx.addWeight(name(), "bias", new long[] {units}, Initializer.ZEROS);
    }
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length < 1) {
      throw badInput(in, "a vector or a tensor whose last axis is mapped");
    }
    long[] out = in.clone();
    out[in.length - 1] = units;
    return out;
  }

  /** True when the input has more than one axis (positions share the kernel). */
  private boolean positional() {
    return inputShape().length > 1;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    long in = kernel.shape()[0];
    Operand<TFloat32> flat = positional() ? tf.reshape(input, tf.constant(new long[] {-1, in})) : input;
    Operand<TFloat32> z = tf.linalg.matMul(flat, kernel.variable());
    if (useBias) {
      z = tf.nn.biasAdd(z, bias.variable());
    }
    if (positional()) {
      long[] shape = outputShape(inputShape());
      long[] batched = batchedShape(shape);
      z = tf.reshape(z, tf.constant(batched));
    }
    taps.add(new LayerTap(this, input, z));
    return activation.apply(tf, z);
  }

  @Override
  public List<Parameter> parameters() {
    return useBias ? List.of(kernel, bias) : List.of(kernel);
  }

  /**
   * Kernel gradient of example i is the outer product input_i x delta_i; bias gradient is delta_i.
   * With several positions per example they are summed over the positions: X_i^T D_i and the
   * column sums of D_i, one batched matmul for the batch.
   */
  @Override
  public List<Operand<TFloat32>> perExampleGradients(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> delta) {
    long in = kernel.shape()[0];
    if (positional()) {
      Operand<TFloat32> x = tf.reshape(input, Conv.batchShape(tf, input, -1, in));
      Operand<TFloat32> d = tf.reshape(delta, Conv.batchShape(tf, input, -1, units));
      Operand<TFloat32> dKernel = tf.reshape(
          tf.train.batchMatMul(x, d, TFloat32.class, BatchMatMul.adjX(true)),
          Conv.batchShape(tf, input, in * units));
      return useBias ? List.of(dKernel, tf.reduceSum(d, tf.constant(1))) : List.of(dKernel);
    }
    Operand<TFloat32> outer =
        tf.math.mul(tf.expandDims(input, tf.constant(2)), tf.expandDims(delta, tf.constant(1)));
    Operand<TFloat32> dKernel = tf.reshape(outer, tf.constant(new long[] {-1, in * units}));
    return useBias ? List.of(dKernel, delta) : List.of(dKernel);
  }

  @Override
  public String describe() {
    return "Dense(units=" + units + ", " + activation.kerasName() + (useBias ? "" : ", no bias") + ")";
  }
}
