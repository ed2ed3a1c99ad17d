package org.afterkernel.linear;

/**
 * The exact maximum margin of a tiny problem, independent of the solvers under test. The
 * hard-margin SVM without bias, {@code min ||w||^2 subject to z_i . w >= 1}, has a unique optimum
 * {@code w = sum_{i in S} alpha_i z_i} for some support set {@code S} of linearly independent
 * signed examples, where {@code G_SS alpha = 1}, {@code alpha > 0} and every other example has
 * {@code z_j . w >= 1}. Those KKT conditions are sufficient for a convex problem, so enumerating the
 * subsets and returning the first that satisfies them gives the optimum; the margin is {@code
 * 1/||w||}.
 */
final class ExactMaxMargin {
  private ExactMaxMargin() {}

  /** The maximum normalised margin of the rows {@code s_i x_i}; NaN when not separable. */
  static double of(DenseMatrix x, Labels labels) {
    int n = x.rows();
    int p = x.cols();
    double[][] z = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        z[i][j] = labels.sign(i) * x.get(i, j);
      }
    }
    if (n > 20) {
      throw new IllegalArgumentException("enumeration is for tiny problems");
    }
    for (int mask = 1; mask < (1 << n); mask++) {
      int size = Integer.bitCount(mask);
      if (size > p) {
        continue;
      }
      int[] s = new int[size];
      for (int i = 0, c = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          s[c++] = i;
        }
      }
      double[][] g = new double[size][size + 1];
      for (int a = 0; a < size; a++) {
        for (int b = 0; b < size; b++) {
          g[a][b] = dot(z[s[a]], z[s[b]]);
        }
        g[a][size] = 1;
      }
      double[] alpha = GaussJordan.solve(g); // null when the support's system is singular
      if (alpha == null) {
        continue;
      }
      boolean positive = true;
      for (double v : alpha) {
        positive &= v > 1e-12;
      }
      if (!positive) {
        continue;
      }
      double[] w = new double[p];
      for (int a = 0; a < size; a++) {
        for (int j = 0; j < p; j++) {
          w[j] += alpha[a] * z[s[a]][j];
        }
      }
      boolean feasible = true;
      for (int i = 0; i < n; i++) {
        feasible &= dot(z[i], w) >= 1 - 1e-9;
      }
      if (feasible) {
        return 1 / Math.sqrt(dot(w, w));
      }
    }
    return Double.NaN;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
