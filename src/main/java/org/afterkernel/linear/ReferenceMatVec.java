package org.afterkernel.linear;

/**
 * The obviously correct matrix-vector products: one plain loop each, one thread, double
 * accumulation in index order. {@link MatVec} is tested against these and benchmarked beside them.
 */
public final class ReferenceMatVec {
  private ReferenceMatVec() {}

  /** {@code y = A x}. */
  public static double[] multiply(DenseMatrix a, double[] x) {
    double[] y = new double[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      double s = 0;
      for (int j = 0; j < a.cols(); j++) {
        s += (double) a.get(i, j) * x[j];
      }
      y[i] = s;
    }
    return y;
  }

  /** {@code y = A^T x}. */
  public static double[] multiplyTransposed(DenseMatrix a, double[] x) {
    double[] y = new double[a.cols()];
    for (int j = 0; j < a.cols(); j++) {
      double s = 0;
      for (int i = 0; i < a.rows(); i++) {
        s += (double) a.get(i, j) * x[i];
      }
      y[j] = s;
    }
    return y;
  }
}
