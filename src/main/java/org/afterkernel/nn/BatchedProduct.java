package org.afterkernel.nn;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code A_i^T B_i} for every i of a batch, through TensorFlow's BatchMatMulV2 op. TensorFlow Java
 * only wraps BatchMatMulV3, which on CPU runs Eigen's kernel; V2 is rewritten to oneDNN's and runs
 * about twice as fast on the small per-example products of convolution gradients.
 */
final class BatchedProduct {
  private BatchedProduct() {}

  /** {@code [batch, n, m]} products {@code a[i]^T b[i]} of {@code a [batch, k, n]} and {@code b [batch, k, m]}. */
  static Operand<TFloat32> adjointTimes(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Output<TFloat32> out = tf.scope().opBuilder("BatchMatMulV2", "BatchMatMulV2")
        .addInput(a.asOutput())
        .addInput(b.asOutput())
        .setAttr("adj_x", true)
        .setAttr("adj_y", false)
        .build()
        .output(0);
    return out;
  }
}
