package org.afterkernel.tf;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix in double precision, by TensorFlow's
 * SelfAdjointEigV2 (LAPACK-style, as numpy's {@code eigh}).
 *
 * @param n the matrix order
 * @param values the eigenvalues, ascending
 * @param vectors row-major n x n; column j is the unit eigenvector of {@code values[j]} (null when
 *     only values were asked for)
 */
public record SymmetricEigen(int n, double[] values, double[] vectors) {

  /** The decomposition of the row-major {@code n x n} symmetric matrix {@code a}. */
  public static SymmetricEigen of(double[] a, int n, boolean withVectors) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException(a.length + " values for a " + n + " x " + n + " matrix");
    }
    try (Graph graph = new Graph();
        Session s = TensorFlowRuntime.session(graph);
        TFloat64 m = TFloat64.tensorOf(Shape.of(n, n), DataBuffers.of(a, true, false))) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat64> in = tf.placeholder(TFloat64.class);
      SelfAdjointEig<TFloat64> eig = tf.linalg.selfAdjointEig(in, SelfAdjointEig.computeV(withVectors));
      Session.Runner r = s.runner().feed(in, m).fetch(eig.e());
      if (withVectors) {
        r.fetch(eig.v());
      }
      try (Result res = r.run()) {
        double[] values = new double[n];
        ((TFloat64) res.get(0)).copyTo(DataBuffers.of(values, false, false));
        double[] vectors = null;
        if (withVectors) {
          vectors = new double[n * n];
          ((TFloat64) res.get(1)).copyTo(DataBuffers.of(vectors, false, false));
        }
        return new SymmetricEigen(n, values, vectors);
      }
    }
  }

  /** Component {@code i} of the eigenvector of {@code values[j]}. */
  public double vector(int i, int j) {
    return vectors[i * n + j];
  }
}
