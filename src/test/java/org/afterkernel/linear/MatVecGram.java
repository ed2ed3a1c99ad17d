package org.afterkernel.linear;

/** A Gram matrix for large test problems: one {@link MatVec} product per row (already tested). */
final class MatVecGram {
  private MatVecGram() {}

  static DenseMatrix of(DenseMatrix x) {
    int n = x.rows();
    float[] k = new float[n * n];
    double[] row = new double[x.cols()];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < x.cols(); j++) {
        row[j] = x.get(i, j);
      }
      MatVec.multiply(x, row, out);
      for (int j = 0; j < n; j++) {
        k[i * n + j] = (float) out[j];
      }
    }
    return new DenseMatrix(n, n, k);
  }
}
