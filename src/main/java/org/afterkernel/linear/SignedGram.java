package org.afterkernel.linear;

/**
 * The matrix of the hard-margin dual, {@code Q_ij = s_i s_j K_ij}, as a view of an unsigned Gram
 * matrix {@code K} (float, symmetric) and the label signs {@code s_i}: never formed, its products
 * and blocks are computed from {@code K} in double.
 */
final class SignedGram {
  private final DenseMatrix k;
  private final double[] signs;
  private final double[] diagonal;

  SignedGram(DenseMatrix k, double[] signs) {
    if (k.rows() != k.cols() || k.rows() != signs.length) {
      throw new IllegalArgumentException("a signed Gram matrix needs a square matrix and one sign per row, got "
          + k.shapeString() + " and " + signs.length + " signs");
    }
    this.k = k;
    this.signs = signs;
    this.diagonal = new double[signs.length];
    for (int i = 0; i < signs.length; i++) {
      diagonal[i] = k.get(i, i);
    }
  }

  int size() {
    return signs.length;
  }

  DenseMatrix k() {
    return k;
  }

  double[] signs() {
    return signs;
  }

  /** {@code Q_ii = K_ii}, the squared norms of the examples. */
  double[] diagonal() {
    return diagonal;
  }

  /** The largest squared example norm. */
  double maxDiagonal() {
    double m = 0;
    for (double d : diagonal) {
      m = Math.max(m, d);
    }
    return m;
  }

  /** Writes the functional margins {@code m = Qa} (one product with {@code K}'s upper triangle). */
  void margins(double[] a, double[] m) {
    double[] sa = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      sa[i] = signs[i] * a[i];
    }
    SymmetricMatVec.multiply(k, sa, m);
    for (int i = 0; i < m.length; i++) {
      m[i] *= signs[i];
    }
  }

  /** Writes the dual gradient {@code g = Qa - 1}. */
  void gradient(double[] a, double[] g) {
    margins(a, g);
    for (int i = 0; i < g.length; i++) {
      g[i] -= 1;
    }
  }

  /**
   * {@code Q} restricted to rows and columns {@code idx} (ascending), row-major, in double, read
   * from {@code K}'s upper triangle as every product here is (a float Gram matrix may differ from
   * its transpose by rounding).
   */
  double[] block(int[] idx) {
    int s = idx.length;
    double[] out = new double[s * s];
    float[] data = k.data();
    int n = k.cols();
    for (int u = 0; u < s; u++) {
      int row = idx[u] * n;
      double su = signs[idx[u]];
      for (int v = u; v < s; v++) {
        double x = su * signs[idx[v]] * data[row + idx[v]];
        out[u * s + v] = x;
        out[v * s + u] = x;
      }
    }
    return out;
  }

  /** {@code Q[set[0..u), i]}: column {@code i} of {@code Q} on the first {@code u} examples of {@code set}. */
  double[] column(int i, int[] set, int u) {
    double[] out = new double[u];
    float[] data = k.data();
    int n = k.cols();
    for (int t = 0; t < u; t++) {
      int j = set[t];
      int lo = Math.min(i, j);
      int hi = Math.max(i, j);
      out[t] = signs[i] * signs[j] * data[lo * n + hi];
    }
    return out;
  }

  /** {@code Q_UU x} for the first {@code u} examples of {@code set}, read from {@code K}'s upper triangle. */
  double[] blockProduct(int[] set, int u, double[] x) {
    double[] out = new double[u];
    float[] data = k.data();
    int n = k.cols();
    java.util.stream.IntStream.range(0, u).parallel().forEach(t -> {
      int i = set[t];
      double acc = 0;
      for (int v = 0; v < u; v++) {
        int j = set[v];
        float kij = i <= j ? data[i * n + j] : data[j * n + i];
        acc += signs[j] * kij * x[v];
      }
      out[t] = signs[i] * acc;
    });
    return out;
  }
}
