package org.afterkernel.savedmodel;

import java.util.Arrays;

/**
 * One example's tensor in the float64 reference forward pass ({@link KerasReference}): a shape
 * without the batch axis and the values in row-major order (channels last, as Keras keeps them).
 *
 * @param shape dimensions, outermost first
 * @param v values, {@code product(shape)} of them
 */
record ReferenceTensor(int[] shape, double[] v) {
  ReferenceTensor {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != v.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + v.length);
    }
  }

  /** A tensor of zeros. */
  static ReferenceTensor zeros(int... shape) {
    return new ReferenceTensor(shape, new double[Arrays.stream(shape).reduce(1, Math::multiplyExact)]);
  }

  /** A float32 array (a weight) widened to float64. */
  static ReferenceTensor of(long[] shape, float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    return new ReferenceTensor(Arrays.stream(shape).mapToInt(Math::toIntExact).toArray(), d);
  }

  int rank() {
    return shape.length;
  }

  /** The last dimension (channels). */
  int last() {
    return shape[shape.length - 1];
  }

  /** The same values with another shape of the same size. */
  ReferenceTensor reshape(int... to) {
    return new ReferenceTensor(to, v);
  }

  /** Applies {@code f} to every value. */
  ReferenceTensor map(java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[v.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(v[i]);
    }
    return new ReferenceTensor(shape, out);
  }
}
