package org.afterkernel.kernel;

import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.tf.SymmetricEigen;

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
    double[] y = new double[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i] == 1 ? 1 : -1;
    }
    return targetAlignment(k, y);
  }

  /**
   * Alignment {@code y^T K y / (||K||_F ||y||^2)} of {@code K} with the target {@code y y^T} for any
   * target vector (the flattened one-hot targets of a full C-output kernel, rows (example, class)).
   */
  public static double targetAlignment(DenseMatrix k, double[] y) {
    requireSquare(k, "K");
    if (y.length != k.rows()) {
      throw new IllegalArgumentException(y.length + " targets for a " + k.shapeString() + " kernel");
    }
    double yky = 0;
    double ff = 0;
    double yy = 0;
    for (int i = 0; i < y.length; i++) {
      yy += y[i] * y[i];
      for (int j = 0; j < y.length; j++) {
        double v = k.get(i, j);
        yky += y[i] * y[j] * v;
        ff += v * v;
      }
    }
    return yky / (Math.sqrt(ff) * yy);
  }

  /**
   * Alignment of {@code K} with the class kernel {@code Y Y^T} of one-hot targets (1 for a pair of
   * the same class, else 0): {@code sum_{y_i = y_j} K_ij / (||K||_F sqrt(sum_c n_c^2))}.
   */
  public static double classTargetAlignment(DenseMatrix k, int[] labels) {
    requireSquare(k, "K");
    if (labels.length != k.rows()) {
      throw new IllegalArgumentException(labels.length + " labels for a " + k.shapeString() + " kernel");
    }
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    double same = 0;
    double ff = 0;
    for (int i = 0; i < labels.length; i++) {
      counts.merge(labels[i], 1, Integer::sum);
      for (int j = 0; j < labels.length; j++) {
        double v = k.get(i, j);
        ff += v * v;
        same += labels[i] == labels[j] ? v : 0;
      }
    }
    double yy = 0;
    for (int c : counts.values()) {
      yy += (double) c * c;
    }
    return same / (Math.sqrt(ff) * Math.sqrt(yy));
  }

  /** All eigenvalues of a symmetric matrix, ascending. */
  public static double[] eigenvalues(DenseMatrix g) {
    return SymmetricEigen.of(doubles(g), g.rows(), false).values();
  }

  /**
   * The unit eigenvectors of the {@code k} largest eigenvalues of a symmetric matrix, as a row-major
   * {@code n x k} array (column j: the j-th largest), in double precision.
   */
  public static double[] topEigenvectors(DenseMatrix g, int k) {
    requireSquare(g, "G");
    int n = g.rows();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k is " + k + ", expected 1.." + n);
    }
    SymmetricEigen e = SymmetricEigen.of(doubles(g), n, true);
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        out[i * k + j] = e.vector(i, n - 1 - j);
      }
    }
    return out;
  }

  /**
   * Overlap of two k-dimensional subspaces given by orthonormal columns ({@code n x k}, row-major):
   * {@code ||U^T V||_F^2 / k}, 1 when they are the same subspace, about k/n for random ones.
   */
  public static double subspaceOverlap(double[] u, double[] v, int n, int k) {
    double sum = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += u[i * k + a] * v[i * k + b];
        }
        sum += dot * dot;
      }
    }
    return sum / k;
  }

  private static double[] doubles(DenseMatrix g) {
    double[] values = new double[g.data().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = g.data()[i];
    }
    return values;
  }

  private static void requireSquare(DenseMatrix m, String name) {
    if (m.rows() != m.cols() || m.rows() == 0) {
      throw new IllegalArgumentException(name + " must be a non-empty square matrix, got " + m.shapeString());
    }
  }
}
