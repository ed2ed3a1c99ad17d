package org.afterkernel.linear;

/** Gauss-Jordan elimination with partial pivoting: the tests' independent linear solver. */
final class GaussJordan {
  private GaussJordan() {}

  /**
   * Solves the system whose augmented matrix is {@code a} ({@code n x (n + 1)}, the right-hand
   * side last), in place; null when it is singular (a pivot below 1e-10 of the largest |entry| of
   * the matrix).
   */
  static double[] solve(double[][] a) {
    int n = a.length;
    double scale = 0;
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        scale = Math.max(scale, Math.abs(row[j]));
      }
    }
    for (int col = 0; col < n; col++) {
      int p = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[p][col])) {
          p = r;
        }
      }
      if (Math.abs(a[p][col]) < 1e-10 * scale) {
        return null;
      }
      double[] t = a[p];
      a[p] = a[col];
      a[col] = t;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return x;
  }
}
