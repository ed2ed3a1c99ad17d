package org.afterkernel.linear;

import org.afterkernel.tf.CholeskyFactor;

/**
 * One round of the active-set method that finishes {@link ExactSvm} exactly: on the current support
 * set {@code S = {i : a_i > 0}} the hard-margin dual is an unconstrained quadratic whose minimiser
 * solves {@code Q_SS x = 1} (every support vector on the margin). The system is factorized in
 * double precision by TensorFlow's Cholesky op (with two steps of iterative refinement); the round
 * then moves {@code a_S} towards {@code x} by the exact line search of the objective along {@code d
 * = x - a_S}, clipped where a coefficient reaches 0 (those leave the support set). Once {@code S} is
 * the SVM's support set this lands on the exact solution in one round; otherwise the objective
 * still decreases and coordinate descent corrects {@code S}.
 *
 * <p>A singular {@code Q_SS} (duplicate or linearly dependent support vectors) is factorized with a
 * small multiple of its largest diagonal element added, raised until the factorization succeeds;
 * the line search keeps the step a descent step, and the caller's KKT check decides.
 */
final class SupportSetSolver {
  private SupportSetSolver() {}

  /**
   * What a round did.
   *
   * @param supportSize {@code |S|} before the step
   * @param step the step length along {@code x - a_S} (1 when the support set was right)
   * @param jitter the multiple of the largest diagonal element added to factorize (0: none)
   * @param seconds wall-clock time of the round
   */
  record Round(int supportSize, double step, double jitter, double seconds) {}

  /** Moves {@code a} (in place) towards the minimiser on its support set; {@code g = Qa - 1} on entry. */
  static Round round(SignedGram q, double[] a, double[] g) {
    long t0 = System.nanoTime();
    int count = 0;
    for (double v : a) {
      if (v > 0) {
        count++;
      }
    }
    int[] idx = new int[count];
    for (int i = 0, u = 0; i < a.length; i++) {
      if (a[i] > 0) {
        idx[u++] = i;
      }
    }
    int s = idx.length;
    if (s == 0) {
      return new Round(0, 0, 0, seconds(t0));
    }
    double[] qss = q.block(idx);
    CholeskyFactor f = factor(qss);
    double jitter = f == null ? Double.NaN : f.jitter();
    if (f == null) {
      return new Round(s, 0, jitter, seconds(t0));
    }
    double[] x = solveRefined(f, qss, s);
    x = dropNegatives(f, x);
    // Exact line search of f(a) = 1/2 a'Qa - 1'a along d, clipped at the first coefficient to reach 0.
    double[] d = new double[s];
    double slope = 0;
    for (int u = 0; u < s; u++) {
      d[u] = x[u] - a[idx[u]];
      slope += g[idx[u]] * d[u];
    }
    double curvature = dot(d, multiply(qss, d, s));
    double step = curvature > 0 ? -slope / curvature : 1;
    if (!(step > 0)) {
      return new Round(s, 0, jitter, seconds(t0));
    }
    int blocking = -1;
    for (int u = 0; u < s; u++) {
      if (d[u] < 0) {
        double limit = a[idx[u]] / -d[u];
        if (limit < step) {
          step = limit;
          blocking = u;
        }
      }
    }
    for (int u = 0; u < s; u++) {
      a[idx[u]] = Math.max(0, a[idx[u]] + step * d[u]);
    }
    if (blocking >= 0) {
      a[idx[blocking]] = 0;
    }
    return new Round(s, step, jitter, seconds(t0));
  }

  /**
   * The minimiser on the support set with its negative coefficients held at 0, from the same
   * factor: with {@code R} the coefficients held, {@code x = x0 - Y mu} where {@code Y} has the
   * columns {@code Q_SS^-1 e_r} and {@code (Y_R) mu = x0_R} (a principal block of {@code Q_SS^-1},
   * positive definite), repeated while new negatives appear; {@code x0} itself when {@code R}
   * would grow beyond {@link #MAX_HELD} (coordinate descent then corrects the support set).
   */
  static double[] dropNegatives(CholeskyFactor f, double[] x0) {
    int s = x0.length;
    java.util.List<Integer> held = new java.util.ArrayList<>();
    java.util.List<double[]> columns = new java.util.ArrayList<>();
    double[] x = x0;
    for (int iteration = 0; iteration < 20; iteration++) {
      int before = held.size();
      for (int u = 0; u < s; u++) {
        if (x[u] < 0 && !held.contains(u)) {
          held.add(u);
        }
      }
      if (held.size() == before) {
        break;
      }
      if (held.size() > MAX_HELD) {
        return x0;
      }
      for (int r = columns.size(); r < held.size(); r++) {
        double[] e = new double[s];
        e[held.get(r)] = 1;
        columns.add(f.solve(e));
      }
      int h = held.size();
      double[] m = new double[h * h];
      double[] rhs = new double[h];
      for (int i = 0; i < h; i++) {
        rhs[i] = x0[held.get(i)];
        for (int j = 0; j < h; j++) {
          m[i * h + j] = columns.get(j)[held.get(i)];
        }
      }
      CholeskyFactor small = CholeskyFactor.of(m, h);
      if (small == null) {
        return x0;
      }
      double[] mu = small.solve(rhs);
      x = x0.clone();
      for (int j = 0; j < h; j++) {
        double[] y = columns.get(j);
        for (int u = 0; u < s; u++) {
          x[u] -= mu[j] * y[u];
        }
      }
      for (int r : held) {
        x[r] = 0;
      }
    }
    return x;
  }

  /** Coefficients {@link #dropNegatives} holds at 0 at most (each costs one triangular solve pair). */
  static final int MAX_HELD = 400;

  /**
   * The Cholesky factor of {@code m} (order {@code sqrt(m.length)}), with a multiple of its largest
   * diagonal element added when it is singular (raised by 100 from 1e-13 until it factorizes, at
   * most 1e-2); null when even that fails.
   */
  static CholeskyFactor factor(double[] m) {
    int s = (int) Math.round(Math.sqrt(m.length));
    CholeskyFactor f = CholeskyFactor.of(m, s);
    double maxDiag = 0;
    for (int u = 0; u < s; u++) {
      maxDiag = Math.max(maxDiag, m[u * s + u]);
    }
    for (double jitter = 1e-13; f == null && jitter < 1e-2; jitter *= 100) {
      double[] shifted = m.clone();
      for (int u = 0; u < s; u++) {
        shifted[u * s + u] += jitter * maxDiag;
      }
      f = CholeskyFactor.of(shifted, s);
      if (f != null) {
        f = f.withJitter(jitter);
      }
    }
    return f;
  }

  /** {@code m^-1 1} by the factor, with two steps of iterative refinement against {@code m}. */
  static double[] solveRefined(CholeskyFactor f, double[] m, int s) {
    double[] ones = new double[s];
    java.util.Arrays.fill(ones, 1);
    double[] x = f.solve(ones);
    for (int refine = 0; refine < 2; refine++) {
      double[] dx = f.solve(residual(m, x, ones, s));
      for (int u = 0; u < s; u++) {
        x[u] += dx[u];
      }
    }
    return x;
  }

  private static double[] residual(double[] m, double[] x, double[] b, int s) {
    double[] mx = multiply(m, x, s);
    double[] r = new double[s];
    for (int u = 0; u < s; u++) {
      r[u] = b[u] - mx[u];
    }
    return r;
  }

  private static double[] multiply(double[] m, double[] x, int s) {
    double[] out = new double[s];
    for (int u = 0; u < s; u++) {
      double acc = 0;
      int row = u * s;
      for (int v = 0; v < s; v++) {
        acc += m[row + v] * x[v];
      }
      out[u] = acc;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
