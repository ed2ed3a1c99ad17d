package org.afterkernel.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code BatchNormalization} in its inference form, over the last axis (channels):
 * {@code y = gamma * (x - moving_mean) / sqrt(moving_variance + epsilon) + beta}. The moving
 * statistics are not trained by gradient descent (Keras keeps them out of the trainable
 * variables), so they are constants here, given with the layer; {@code gamma} ({@code scale}) and
 * {@code beta} ({@code center}) are trainable variables, in that order, as in Keras.
 *
 * <p>The graph computes as Keras's inference path ({@code tf.nn.batch_normalization}): {@code x *
 * inv + (beta - mean * inv)} with {@code inv = gamma / sqrt(variance + epsilon)}.
 */
public final class BatchNormalization extends Layer implements ParametricLayer {
  private final float epsilon;
  private final boolean center;
  private final boolean scale;
  private final float[] movingMean;
  private final float[] movingVariance;
  private Parameter gamma;
  private Parameter beta;

  /**
   * @param movingMean per-channel mean (the layer's frozen statistic)
   * @param movingVariance per-channel variance, same length
   */
  public BatchNormalization(String name, float epsilon, boolean center, boolean scale,
      float[] movingMean, float[] movingVariance) {
    super(name);
    if (movingMean.length != movingVariance.length || movingMean.length == 0) {
      throw new IllegalArgumentException("BatchNormalization '" + name + "': moving mean ("
          + movingMean.length + " values) and variance (" + movingVariance.length
          + ") must have one value per channel");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("BatchNormalization '" + name + "': epsilon must be > 0");
    }
    this.epsilon = epsilon;
    this.center = center;
    this.scale = scale;
    this.movingMean = movingMean.clone();
    this.movingVariance = movingVariance.clone();
  }

  /** Number of channels normalised. */
  public int channels() {
    return movingMean.length;
  }

  public float epsilon() {
    return epsilon;
  }

  /** Whether {@code beta} is added. */
  public boolean center() {
    return center;
  }

  /** Whether {@code gamma} multiplies. */
  public boolean scale() {
    return scale;
  }

  public float[] movingMean() {
    return movingMean.clone();
  }

  public float[] movingVariance() {
    return movingVariance.clone();
  }

  @Override
  protected void createVariables(BuildContext ctx, long[] in) {
    long[] shape = {channels()};
    if (scale) {
      gamma = ctx.addWeight(name(), "gamma", shape, Initializer.ONES);
    }
    if (center) {
      beta = ctx.addWeight(name(), "beta", shape, Initializer.ZEROS);
    }
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length < 1 || in[in.length - 1] != channels()) {
      throw badInput(in, "a last axis of " + channels() + " channels");
    }
    return in.clone();
  }

  /** 1 / sqrt(variance + epsilon), as a constant. */
  private Operand<TFloat32> rsqrt(Ops tf) {
    return tf.math.rsqrt(tf.math.add(tf.constant(movingVariance), tf.constant(epsilon)));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    Operand<TFloat32> inv = rsqrt(tf);
    if (scale) {
      inv = tf.math.mul(inv, gamma.variable());
    }
    Operand<TFloat32> shift = tf.math.mul(tf.constant(movingMean), inv);
    shift = center ? tf.math.sub(beta.variable(), shift) : tf.math.neg(shift);
    Operand<TFloat32> y = tf.math.add(tf.math.mul(input, inv), shift);
    taps.add(new LayerTap(this, input, y));
    return y;
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> p = new ArrayList<>();
    if (scale) {
      p.add(gamma);
    }
    if (center) {
      p.add(beta);
    }
    return p;
  }

  /**
   * The gamma gradient of example i is the sum over its positions of delta * x_hat (the
   * normalised input); the beta gradient is the sum of delta.
   */
  @Override
  public List<Operand<TFloat32>> perExampleGradients(
      Ops tf, Operand<TFloat32> input, Operand<TFloat32> delta) {
    long c = channels();
    List<Operand<TFloat32>> out = new ArrayList<>();
    if (scale) {
      Operand<TFloat32> xhat = tf.math.mul(tf.math.sub(input, tf.constant(movingMean)), rsqrt(tf));
      Operand<TFloat32> prod = tf.reshape(tf.math.mul(delta, xhat), Conv.batchShape(tf, input, -1, c));
      out.add(tf.reduceSum(prod, tf.constant(1)));
    }
    if (center) {
      out.add(tf.reduceSum(tf.reshape(delta, Conv.batchShape(tf, input, -1, c)), tf.constant(1)));
    }
    return out;
  }

  @Override
  public String describe() {
    return "BatchNormalization(channels=" + channels() + ", epsilon=" + epsilon
        + (scale ? "" : ", no gamma") + (center ? "" : ", no beta") + ", inference)";
  }
}
