package org.afterkernel.linear;

/**
 * Greedy coordinate descent on the hard-margin dual without bias, {@code min_a 1/2 a'Qa - 1'a} over
 * {@code a >= 0} with {@code Q_ij = s_i s_j K_ij}: LIBSVM's SMO with its second-order working-set
 * selection, where the missing bias removes the equality constraint so that a step moves one
 * coefficient, and LIBLINEAR's shrinking.
 *
 * <p>It keeps the gradient {@code g = Qa - 1} (so {@code g_i + 1} is example {@code i}'s functional
 * margin). The optimality (KKT) conditions are {@code g_i = 0} where {@code a_i > 0} and {@code g_i
 * >= 0} where {@code a_i = 0}; the violation of coordinate {@code i} is the size of its projected
 * gradient. Each step takes the coordinate whose exact line search gains most ({@code PG_i^2 /
 * Q_ii}, the second-order rule), moves it to the minimiser along its axis clipped at 0, and updates
 * {@code g} with one row of the Gram matrix. Coordinates at 0 whose gradient exceeds the current
 * largest violation are shrunk (left out of selection and updates); once the active ones satisfy
 * the tolerance the gradient is recomputed for all and the run goes on if a shrunk one violates.
 * When the active set falls below half of the matrix it works on, their rows are copied into a
 * compact matrix, so that each step reads contiguous memory.
 *
 * <p>A pass stops at the tolerance or after its step budget; {@link ExactSvm} then solves the
 * support set exactly ({@link SupportSetSolver}) and calls it again from there.
 */
final class DualCoordinateDescent {
  private final SignedGram q;

  /** Steps made over all calls. */
  private long steps;

  DualCoordinateDescent(SignedGram q) {
    this.q = q;
  }

  long steps() {
    return steps;
  }

  /**
   * Improves {@code a} (in place, {@code a >= 0}) until every coordinate's violation is at most
   * {@code tolerance} or {@code maxSteps} steps were made.
   *
   * @param a coefficients, one per example, changed in place
   * @param g on entry {@code Qa - 1} for {@code a}; on exit the same for the new {@code a}
   * @return the largest violation over all coordinates at exit
   */
  double run(double[] a, double[] g, double tolerance, long maxSteps) {
    Block b = Block.full(q, a, g);
    long budget = maxSteps;
    double shrinkAbove = Double.POSITIVE_INFINITY;
    while (true) {
      int check = Math.max(16, Math.min(b.active, 1000));
      b.scan();
      for (int s = 0; s < check && budget > 0 && b.worst > tolerance && b.best >= 0; s++, budget--) {
        int i = b.best;
        double old = b.a[i];
        double next = Math.max(0, old - b.g[i] / b.diag[i]);
        b.a[i] = next;
        b.addRowAndScan(i, next - old);
        steps++;
      }
      b.rescale();
      b.scan();
      double worst = b.worst;
      if (budget <= 0 || worst <= tolerance) {
        b.writeBack(a);
        q.gradient(a, g);
        double all = violation(a, g);
        if (all <= tolerance || budget <= 0) {
          return all;
        }
        // A shrunk coordinate violates: start again on every coordinate, with the exact gradient.
        b = Block.full(q, a, g);
        shrinkAbove = Double.POSITIVE_INFINITY;
        continue;
      }
      shrinkAbove = Math.min(shrinkAbove, Math.max(worst, tolerance));
      b.shrink(shrinkAbove);
      if (b.active < b.dim / 2 && b.dim > 64) {
        b = b.compact();
      }
    }
  }

  /** The largest KKT violation of {@code a} given its gradient {@code g = Qa - 1}. */
  static double violation(double[] a, double[] g) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      double pg = a[i] > 0 ? Math.abs(g[i]) : Math.max(0, -g[i]);
      worst = Math.max(worst, pg);
    }
    return worst;
  }

  /**
   * The coordinates a pass works on: a square block of the Gram matrix (the whole matrix, or a
   * compact copy of the rows and columns of the active coordinates), its signs, and the state of
   * its coordinates by position in the block.
   */
  private static final class Block {
    final float[] k;
    final int dim;
    final int stride;
    final int[] original;
    final double[] sign;
    final double[] diag;
    final double[] a;
    final double[] g;
    /** Positions of the active coordinates, ascending; the first {@code active} are valid. */
    final int[] list;
    int active;

    private Block(float[] k, int dim, int[] original, double[] sign, double[] diag, double[] a, double[] g) {
      this.k = k;
      this.dim = dim;
      this.stride = dim;
      this.original = original;
      this.sign = sign;
      this.diag = diag;
      this.a = a;
      this.g = g;
      this.list = new int[dim];
      for (int i = 0; i < dim; i++) {
        list[i] = i;
      }
      this.active = dim;
    }

    static Block full(SignedGram q, double[] a, double[] g) {
      int n = q.size();
      int[] original = new int[n];
      for (int i = 0; i < n; i++) {
        original[i] = i;
      }
      return new Block(q.k().data(), n, original, q.signs(), q.diagonal(), a.clone(), g.clone());
    }

    /** The coordinate of the largest exact-line-search gain, and the largest violation, after a scan. */
    int best;
    double worst;

    /**
     * The exact line search along {@code a} itself: {@code a <- t a} with {@code t = sum a / a'Qa},
     * which fixes the overall scale of the coefficients in one step (single-coordinate steps do it
     * slowly when the Gram matrix has a dominant direction). Only the block's coordinates carry
     * coefficients (shrunk ones are 0), so {@code a'Qa = sum_i a_i (g_i + 1)} over them.
     */
    void rescale() {
      double sum = 0;
      double quad = 0;
      for (int i = 0; i < dim; i++) {
        sum += a[i];
        quad += a[i] * (g[i] + 1);
      }
      if (!(sum > 0 && quad > 0)) {
        return;
      }
      double t = sum / quad;
      for (int i = 0; i < dim; i++) {
        a[i] *= t;
        g[i] = t * (g[i] + 1) - 1;
      }
    }

    /** Finds {@link #best} and {@link #worst} among the active coordinates. */
    void scan() {
      best = -1;
      worst = 0;
      double bestGain = 0;
      for (int t = 0; t < active; t++) {
        int j = list[t];
        double gj = g[j];
        double pg = a[j] > 0 ? gj : Math.min(gj, 0);
        double gain = pg * pg / diag[j];
        if (gain > bestGain) {
          bestGain = gain;
          best = j;
        }
        worst = Math.max(worst, Math.abs(pg));
      }
    }

    /**
     * {@code g += delta * Q[:, i]} over the active coordinates, finding the next {@link #best} and
     * {@link #worst} in the same pass (one read of the row and the state per step).
     */
    void addRowAndScan(int i, double delta) {
      double c = delta * sign[i];
      int row = i * stride;
      best = -1;
      worst = 0;
      double bestGain = 0;
      for (int t = 0; t < active; t++) {
        int j = list[t];
        double gj = g[j] + c * sign[j] * k[row + j];
        g[j] = gj;
        double pg = a[j] > 0 ? gj : Math.min(gj, 0);
        double gain = pg * pg / diag[j];
        if (gain > bestGain) {
          bestGain = gain;
          best = j;
        }
        worst = Math.max(worst, Math.abs(pg));
      }
    }

    /** Leaves out coordinates at 0 whose gradient exceeds {@code above}. */
    void shrink(double above) {
      int kept = 0;
      for (int t = 0; t < active; t++) {
        int j = list[t];
        if (!(a[j] == 0 && g[j] > above)) {
          list[kept++] = j;
        }
      }
      active = kept;
    }

    /** A block holding only the active coordinates, their rows copied contiguously. */
    Block compact() {
      int m = active;
      float[] kc = new float[m * m];
      int[] orig = new int[m];
      double[] s = new double[m];
      double[] d = new double[m];
      double[] ac = new double[m];
      double[] gc = new double[m];
      for (int u = 0; u < m; u++) {
        int i = list[u];
        orig[u] = original[i];
        s[u] = sign[i];
        d[u] = diag[i];
        ac[u] = a[i];
        gc[u] = g[i];
        int row = i * stride;
        int out = u * m;
        for (int v = 0; v < m; v++) {
          kc[out + v] = k[row + list[v]];
        }
      }
      return new Block(kc, m, orig, s, d, ac, gc);
    }

    /**
     * Writes every coefficient into {@code out} (original order): this block's, and 0 for those
     * shrunk out of earlier blocks (only coefficients at 0 are shrunk, and they stay there).
     */
    void writeBack(double[] out) {
      java.util.Arrays.fill(out, 0);
      for (int i = 0; i < dim; i++) {
        out[original[i]] = a[i];
      }
    }
  }
}
