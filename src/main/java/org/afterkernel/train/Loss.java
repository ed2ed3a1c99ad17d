package org.afterkernel.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code BinaryCrossentropy(from_logits=True)}: per example
 * {@code max(x, 0) - x z + log(1 + exp(-|x|))} (TensorFlow's stable
 * sigmoid_cross_entropy_with_logits), averaged over the batch.
 */
public final class Loss {
  private Loss() {}

  /** Per-example losses for logits {@code x} and 0/1 labels {@code z}. */
  public static Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
    Operand<TFloat32> relu = tf.math.maximum(logits, tf.constant(0f));
    Operand<TFloat32> xz = tf.math.mul(logits, labels);
    Operand<TFloat32> log1pExp = tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits))));
    return tf.math.add(tf.math.sub(relu, xz), log1pExp);
  }

  /** The batch mean. */
  public static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> labels) {
    return tf.math.mean(perExample(tf, logits, labels), tf.constant(0));
  }

  /** The same loss for one example, in double precision (the reference in tests and evaluation). */
  public static double of(double logit, int label) {
    return Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
  }
}
