package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code ReLU(max_value, negative_slope, threshold)} (and {@code LeakyReLU(alpha)}, which
 * is {@code negative_slope = alpha}): {@code x} for {@code threshold <= x < max_value}, {@code
 * max_value} above, {@code negative_slope * (x - threshold)} below the threshold.
 */
public final class ReLU extends Layer {
  private final Float maxValue;
  private final float negativeSlope;
  private final float threshold;

  /** @param maxValue the cap, or null for none */
  public ReLU(String name, Float maxValue, float negativeSlope, float threshold) {
    super(name);
    if (maxValue != null && maxValue < 0 || negativeSlope < 0) {
      throw new IllegalArgumentException("ReLU '" + name + "': max_value and negative_slope must be >= 0");
    }
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
  }

  /** The cap, or null. */
  public Float maxValue() {
    return maxValue;
  }

  public float negativeSlope() {
    return negativeSlope;
  }

  public float threshold() {
    return threshold;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, List<LayerTap> taps) {
    Operand<TFloat32> y;
    if (threshold == 0 && negativeSlope == 0) {
      y = tf.nn.relu(x);
    } else {
      Operand<TFloat32> t = tf.constant(threshold);
      y = tf.select(tf.math.greaterEqual(x, t), x,
          tf.math.mul(tf.constant(negativeSlope), tf.math.sub(x, t)));
    }
    return maxValue == null ? y : tf.math.minimum(y, tf.constant(maxValue));
  }

  @Override
  public String describe() {
    return "ReLU(max_value=" + maxValue + ", negative_slope=" + negativeSlope + ", threshold="
        + threshold + ")";
  }
}
