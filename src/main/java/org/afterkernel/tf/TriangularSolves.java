package org.afterkernel.tf;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Triangular solves with many right-hand sides in double precision by TensorFlow's
 * MatrixTriangularSolve op (Eigen's blocked TRSM): {@code L^-1 B} and {@code L^-T L^-1 B} for a lower
 * triangular {@code L}. One call replaces as many vector substitutions as {@code B} has columns.
 */
public final class TriangularSolves {
  private TriangularSolves() {}

  /**
   * {@code L^-1 B}, or with {@code both} {@code L^-T L^-1 B} (the solve with {@code L L^T}).
   *
   * @param lower row-major {@code n x n}, its lower triangle {@code L} (the rest is not read)
   * @param b row-major {@code n x cols}
   * @return row-major {@code n x cols}
   */
  public static double[] solve(double[] lower, int n, double[] b, int cols, boolean both) {
    if (lower.length != (long) n * n || b.length != (long) n * cols) {
      throw new IllegalArgumentException("a " + n + " x " + n + " factor and " + b.length + " values for " + cols
          + " right-hand sides");
    }
    if (n == 0 || cols == 0) {
      return b.clone();
    }
    try (Graph graph = new Graph();
        Session s = TensorFlowRuntime.session(graph);
        TFloat64 l = TFloat64.tensorOf(Shape.of(n, n), DataBuffers.of(lower, true, false));
        TFloat64 rhs = TFloat64.tensorOf(Shape.of(n, cols), DataBuffers.of(b, true, false))) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat64> pl = tf.placeholder(TFloat64.class);
      Placeholder<TFloat64> pb = tf.placeholder(TFloat64.class);
      var y = tf.linalg.triangularSolve(pl, pb, org.tensorflow.op.linalg.TriangularSolve.lower(true));
      var x = both ? tf.linalg.triangularSolve(pl, y, org.tensorflow.op.linalg.TriangularSolve.lower(true).adjoint(true)) : y;
      try (Result res = s.runner().feed(pl, l).feed(pb, rhs).fetch(x).run()) {
        double[] out = new double[n * cols];
        ((TFloat64) res.get(0)).copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }
}
