package org.afterkernel.tf;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The two symmetric products of a row-major float matrix {@code X} ({@code rows x cols}) by one
 * TensorFlow MatMul each: the Gram matrix {@code X X^T} ({@code rows x rows}) and the
 * cross-product {@code X^T X} ({@code cols x cols}), float32 with TensorFlow's accumulation.
 */
public final class Products {
  private Products() {}

  /** {@code X X^T}, row-major. */
  public static float[] gram(float[] x, int rows, int cols) {
    return product(x, rows, cols, false, rows);
  }

  /** {@code X^T X}, row-major. */
  public static float[] crossProduct(float[] x, int rows, int cols) {
    return product(x, rows, cols, true, cols);
  }

  private static float[] product(float[] x, int rows, int cols, boolean transposeA, int order) {
    if (x.length != (long) rows * cols) {
      throw new IllegalArgumentException(x.length + " values for a " + rows + " x " + cols + " matrix");
    }
    try (Graph g = new Graph();
        Session s = TensorFlowRuntime.session(g);
        TFloat32 xt = Tensors.floats(new long[] {rows, cols}, x)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> px = tf.placeholder(TFloat32.class);
      MatMul<TFloat32> k = tf.linalg.matMul(px, px, MatMul.transposeA(transposeA).transposeB(!transposeA));
      try (Result r = s.runner().feed(px, xt).fetch(k).run()) {
        float[] out = new float[Math.multiplyExact(order, order)];
        Tensors.copyInto((TFloat32) r.get(0), out, 0);
        return out;
      }
    }
  }

  /** {@code X X^T} in double precision, row-major ({@code rows x rows}). */
  public static double[] gramDouble(double[] x, int rows, int cols) {
    return productDouble(x, rows, cols, false, rows);
  }

  /** {@code X^T X} in double precision, row-major ({@code cols x cols}). */
  public static double[] crossProductDouble(double[] x, int rows, int cols) {
    return productDouble(x, rows, cols, true, cols);
  }

  private static double[] productDouble(double[] x, int rows, int cols, boolean transposeA, int order) {
    if (x.length != (long) rows * cols) {
      throw new IllegalArgumentException(x.length + " values for a " + rows + " x " + cols + " matrix");
    }
    if (rows == 0 || cols == 0) {
      return new double[order * order];
    }
    try (Graph g = new Graph();
        Session s = TensorFlowRuntime.session(g);
        org.tensorflow.types.TFloat64 xt = org.tensorflow.types.TFloat64.tensorOf(
            org.tensorflow.ndarray.Shape.of(rows, cols), org.tensorflow.ndarray.buffer.DataBuffers.of(x, true, false))) {
      Ops tf = Ops.create(g);
      Placeholder<org.tensorflow.types.TFloat64> px = tf.placeholder(org.tensorflow.types.TFloat64.class);
      MatMul<org.tensorflow.types.TFloat64> k = tf.linalg.matMul(px, px,
          MatMul.transposeA(transposeA).transposeB(!transposeA));
      try (Result r = s.runner().feed(px, xt).fetch(k).run()) {
        double[] out = new double[Math.multiplyExact(order, order)];
        ((org.tensorflow.types.TFloat64) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
        return out;
      }
    }
  }
}
