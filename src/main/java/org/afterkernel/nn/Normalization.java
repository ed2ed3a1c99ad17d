package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Normalization} preprocessing layer over the last axis, with its adapted
 * statistics as constants: {@code (x - mean) / max(sqrt(variance), 1e-7)} (Keras's {@code
 * backend.epsilon()}). A single mean/variance value applies to all channels.
 */
public final class Normalization extends Layer {
  /** Keras's backend.epsilon(). */
  static final float KERAS_EPSILON = 1e-7f;

  private final float[] mean;
  private final float[] variance;

  public Normalization(String name, float[] mean, float[] variance) {
    super(name);
    if (mean.length != variance.length || mean.length == 0) {
      throw new IllegalArgumentException("Normalization '" + name + "': mean (" + mean.length
          + " values) and variance (" + variance.length + ") must have the same, positive length");
    }
    this.mean = mean.clone();
    this.variance = variance.clone();
  }

  public float[] mean() {
    return mean.clone();
  }

  public float[] variance() {
    return variance.clone();
  }

  @Override
  public long[] outputShape(long[] in) {
    if (mean.length != 1 && (in.length < 1 || in[in.length - 1] != mean.length)) {
      throw badInput(in, "a last axis of " + mean.length + " channels");
    }
    return in.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    Operand<TFloat32> sd = tf.math.maximum(tf.math.sqrt(tf.constant(variance)), tf.constant(KERAS_EPSILON));
    return tf.math.div(tf.math.sub(input, tf.constant(mean)), sd);
  }

  @Override
  public String describe() {
    return "Normalization(" + mean.length + " channel" + (mean.length == 1 ? "" : "s") + ")";
  }
}
