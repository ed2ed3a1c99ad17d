package org.afterkernel.kernel;

import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.tf.TensorFlowRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;

/** Statistics of Gram matrices, accumulated in double precision. */
public final class KernelStats {
  private KernelStats() {}

  /**
   * Kernel alignment {@code <G, H>_F / (||G||_F ||H||_F)} of two Gram matrices on the same
   * examples (the original's {@code kalignment}: after kernel vs its conjugate projection).
   */
  public static double alignment(DenseMatrix g, DenseMatrix h) {
    requireSquare(g, "G");
    if (g.rows() != h.rows() || g.cols() != h.cols()) {
      throw new IllegalArgumentException("Gram matrices of different shapes: " + g.shapeString()
          + " and " + h.shapeString());
    }
    double gh = 0;
    double gg = 0;
    double hh = 0;
    float[] a = g.data();
    float[] b = h.data();
    for (int i = 0; i < a.length; i++) {
      gh += (double) a[i] * b[i];
      gg += (double) a[i] * a[i];
      hh += (double) b[i] * b[i];
    }
    return gh / (Math.sqrt(gg) * Math.sqrt(hh));
  }

  /**
   * Effective rank {@code trace(G) / lambda_max(G)}, with the eigenvalues from TensorFlow's
   * SelfAdjointEigV2 in double precision (the original uses numpy's eigvalsh).
   */
  public static double effectiveRank(DenseMatrix g) {
    requireSquare(g, "G");
    double[] eigenvalues = eigenvalues(g);
    double trace = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double e : eigenvalues) {
      trace += e;
      max = Math.max(max, e);
    }
    return trace / max;
  }

  /**
   * Kernel-target alignment {@code y^T K y / (||K||_F ||y||^2)} with y = +-1 from 0/1 labels (the
   * quantity tracked by the silent-alignment paper).
   */
  public static double targetAlignment(DenseMatrix k, int[] labels) {
    requireSquare(k, "K");
    if (labels.length != k.rows()) {
      throw new IllegalArgumentException(labels.length + " labels for a " + k.shapeString() + " kernel");
    }
    int n = k.rows();
    double yky = 0;
    double ff = 0;
    for (int i = 0; i < n; i++) {
      double yi = labels[i] == 1 ? 1 : -1;
      for (int j = 0; j < n; j++) {
        double v = k.get(i, j);
        yky += yi * (labels[j] == 1 ? 1 : -1) * v;
        ff += v * v;
      }
    }
    return yky / (Math.sqrt(ff) * n);
  }

  /** All eigenvalues of a symmetric matrix, ascending. */
  public static double[] eigenvalues(DenseMatrix g) {
    int n = g.rows();
    double[] values = new double[n * n];
    for (int i = 0; i < values.length; i++) {
      values[i] = g.data()[i];
    }
    try (Graph graph = new Graph();
        Session s = TensorFlowRuntime.session(graph);
        TFloat64 m = TFloat64.tensorOf(Shape.of(n, n), DataBuffers.of(values, true, false))) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat64> in = tf.placeholder(TFloat64.class);
      SelfAdjointEig<TFloat64> eig = tf.linalg.selfAdjointEig(in, SelfAdjointEig.computeV(false));
      try (Result r = s.runner().feed(in, m).fetch(eig.e()).run()) {
        TFloat64 e = (TFloat64) r.get(0);
        double[] out = new double[n];
        e.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  private static void requireSquare(DenseMatrix m, String name) {
    if (m.rows() != m.cols() || m.rows() == 0) {
      throw new IllegalArgumentException(name + " must be a non-empty square matrix, got " + m.shapeString());
    }
  }
}
