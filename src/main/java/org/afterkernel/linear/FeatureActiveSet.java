package org.afterkernel.linear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.afterkernel.io.Progress;
import org.afterkernel.tf.CholeskyFactor;
import org.afterkernel.tf.Products;

/**
 * The hard-margin SVM on features solved exactly, in double precision, from a guess (the interior
 * point's coefficients on its support set, {@link FeatureInteriorPoint#support}): Lawson and
 * Hanson's active-set method for the dual {@code min 1/2 a'Ga - 1'a}, {@code a >= 0} ({@code G = Z
 * Z^T}, rows {@code z_i = s_i x_i}), on the features themselves. The set {@code P} of positive
 * coefficients is solved for, {@code G_PP x = 1} (one TensorFlow MatMul of the {@code |P|} rows in
 * double, a double Cholesky factorization, three steps of iterative refinement on the margins
 * computed from the features); when some {@code x}
 * is not positive, {@code a} moves toward {@code x} until the first coefficient reaches 0, which
 * leaves {@code P}; otherwise {@code a = x}, and the examples whose functional margin {@code z_i .
 * w} ({@code w = Z_P^T a}, from the features) is below {@code 1 - tolerance} join {@code P}: the
 * most violated first, as many as keep {@code |P|} at most the number of features, or only the
 * most violated once a round has not decreased the objective (Lawson and Hanson's rule, which
 * terminates). It stops when no example is below the margin: then {@code a} satisfies the KKT
 * conditions checked from the features, with no float Gram matrix between them and the margin. A
 * guess near the answer lands in one or two rounds; the round limit, and linearly dependent
 * examples in {@code P} (a singular {@code G_PP}), hand the guess back to the caller.
 */
final class FeatureActiveSet {
  /**
   * What the rounds reached.
   *
   * @param a the coefficients (0 outside the last set)
   * @param w {@code Z^T a}
   * @param m the functional margins {@code z_i . w}
   * @param rounds rounds made (solves of {@code G_PP x = 1})
   * @param converged whether no example was below the tolerance
   */
  record Result(double[] a, double[] w, double[] m, int rounds, boolean converged) {}

  private FeatureActiveSet() {}

  static Result run(DenseMatrix x, double[] signs, double[] start, double tolerance, int maxRounds,
      Progress progress) {
    int n = x.rows();
    int p = x.cols();
    double[] a = new double[n];
    boolean[] in = new boolean[n];
    for (int i = 0; i < n; i++) {
      in[i] = start[i] > 0;
      a[i] = Math.max(0, start[i]);
    }
    double[] w = new double[p];
    double[] m = new double[n];
    boolean block = true;
    double objective = Double.POSITIVE_INFINITY;
    int round = 0;
    while (true) {
      // Minimise over the set, moving a toward each solve until the first coefficient leaves.
      while (true) {
        if (round >= maxRounds) {
          margins(x, signs, a, w, m);
          return new Result(a, w, m, round, false);
        }
        round++;
        int[] set = indices(in);
        double[] sol = solveOnes(x, signs, set);
        if (sol == null) {
          margins(x, signs, a, w, m);
          return new Result(a, w, m, round, false);
        }
        double t = 1;
        int leaving = -1;
        for (int k = 0; k < set.length; k++) {
          double ak = a[set[k]];
          if (sol[k] <= 0 && ak - sol[k] > 0 && ak / (ak - sol[k]) < t) {
            t = ak / (ak - sol[k]);
            leaving = k;
          }
        }
        for (int k = 0; k < set.length; k++) {
          int i = set[k];
          a[i] = k == leaving ? 0 : a[i] + t * (sol[k] - a[i]);
          if (!(a[i] > 0)) {
            a[i] = 0;
            in[i] = false;
          }
        }
        if (leaving < 0) {
          break;
        }
      }
      margins(x, signs, a, w, m);
      double f = 0;
      List<Integer> below = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        f += a[i] * (m[i] / 2 - 1);
        if (!in[i] && m[i] < 1 - tolerance) {
          below.add(i);
        }
      }
      progress.status(String.format(Locale.ROOT, "support-set round %d: %,d support vectors, %d below the margin",
          round, indices(in).length, below.size()));
      progress.step(1);
      if (below.isEmpty()) {
        return new Result(a, w, m, round, true);
      }
      if (!(f < objective)) {
        block = false;
      }
      objective = f;
      below.sort((i, j) -> Double.compare(m[i], m[j]));
      int room = block ? Math.max(1, p - indices(in).length) : 1;
      for (int k = 0; k < Math.min(room, below.size()); k++) {
        in[below.get(k)] = true;
      }
    }
  }

  /** {@code w = Z^T a} and the functional margins {@code m = Z w}. */
  private static void margins(DenseMatrix x, double[] signs, double[] a, double[] w, double[] m) {
    MatVec.multiplyTransposedSigned(x, signs, a, w);
    MatVec.multiplySigned(x, signs, w, m);
  }

  /**
   * {@code G_SS^-1 1}, {@code G} made in double, with three steps of iterative refinement on the
   * margins computed from the rows; null when {@code G_SS} is singular.
   */
  private static double[] solveOnes(DenseMatrix x, double[] signs, int[] set) {
    int p = x.cols();
    int k = set.length;
    double[] z = new double[k * p];
    for (int r = 0; r < k; r++) {
      int off = x.rowOffset(set[r]);
      for (int j = 0; j < p; j++) {
        z[r * p + j] = signs[set[r]] * x.data()[off + j];
      }
    }
    double[] g = Products.gramDouble(z, k, p);
    CholeskyFactor f = CholeskyFactor.of(g, k);
    if (f == null) {
      return null; // dependent examples in the set: the dual's rounds, which handle them, take over
    }
    double[] ones = new double[k];
    Arrays.fill(ones, 1);
    double[] a = f.solve(ones);
    for (int refine = 0; refine < 3; refine++) {
      // The residual of the margins themselves, z_k . (Z_S^T a), as the certificate computes them:
      // with coefficients summing to 1e8 (margins near 1e-4), G's own rounding would leave it near 1e-7.
      double[] w = new double[p];
      for (int r = 0; r < k; r++) {
        for (int j = 0; j < p; j++) {
          w[j] += a[r] * z[r * p + j];
        }
      }
      double[] r = new double[k];
      for (int i = 0; i < k; i++) {
        double s = 0;
        for (int j = 0; j < p; j++) {
          s += z[i * p + j] * w[j];
        }
        r[i] = 1 - s;
      }
      double[] d = f.solve(r);
      for (int i = 0; i < k; i++) {
        a[i] += d[i];
      }
    }
    return a;
  }

  private static int[] indices(boolean[] mask) {
    int c = 0;
    for (boolean b : mask) {
      c += b ? 1 : 0;
    }
    int[] out = new int[c];
    for (int i = 0, k = 0; i < mask.length; i++) {
      if (mask[i]) {
        out[k++] = i;
      }
    }
    return out;
  }
}
