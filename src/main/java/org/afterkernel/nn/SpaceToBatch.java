package org.afterkernel.nn;

import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A dilated convolution as TensorFlow's {@code tf.nn.convolution} (and {@code
 * tf.nn.depthwise_conv2d}) computes it on CPU: space to batch, an ordinary stride-1 "valid"
 * convolution, batch to space. Not the convolution ops' {@code dilations} attribute: TensorFlow's
 * C++ gradient of Conv2D (the one graph gradients use) ignores that attribute and returns wrong
 * gradients, while these three ops have correct ones.
 */
final class SpaceToBatch {
  private SpaceToBatch() {}

  /**
   * {@code convolution} (a stride-1 "VALID" convolution of the kernel, applied to the spread
   * input) dilated by {@code d} over {@code input} of per-example shape {@code in} with kernel
   * size {@code k} and {@code padding}; strides are 1 when dilated.
   */
  static Operand<TFloat32> dilated(Ops tf, Operand<TFloat32> input, long[] in, int[] k, int[] d,
      Padding padding, UnaryOperator<Operand<TFloat32>> convolution) {
    long[][] pads = new long[2][2];
    long[][] crops = new long[2][2];
    for (int i = 0; i < 2; i++) {
      long effective = (long) (k[i] - 1) * d[i] + 1;
      long total = padding == Padding.SAME ? effective - 1 : 0;
      long before = total / 2;
      long after = total - before;
      long extra = Math.floorMod(-(in[i] + total), (long) d[i]); // make the size a multiple of d
      pads[i] = new long[] {before, after + extra};
      crops[i] = new long[] {0, extra};
    }
    Operand<TFloat32> spread = tf.spaceToBatchNd(input, tf.constant(new long[] {d[0], d[1]}),
        tf.constant(pads));
    return tf.batchToSpaceNd(convolution.apply(spread), tf.constant(new long[] {d[0], d[1]}),
        tf.constant(crops));
  }
}
