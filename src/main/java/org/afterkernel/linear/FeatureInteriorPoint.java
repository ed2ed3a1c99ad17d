package org.afterkernel.linear;

import java.util.Locale;
import org.afterkernel.io.Progress;
import org.afterkernel.tf.CholeskyFactor;
import org.afterkernel.tf.Products;

/**
 * Mehrotra's predictor-corrector interior-point method for the hard-margin SVM in the space of
 * features, {@code min 1/2 ||w||^2} subject to {@code Zw - s = 1}, {@code s >= 0} (rows {@code z_i =
 * s_i x_i}), with the dual coefficients {@code a >= 0}, {@code w = Z^T a}: the exact solver's way
 * to the support set of separable data with fewer features than examples (the conjugate kernel of
 * a wide network), where the dual's active-set rounds meet working sets beyond the Gram matrix's
 * rank and coordinate descent creeps (width-38 VGG on CIFAR-10: 10,000 examples, 4,736 features,
 * coefficients near 1e10).
 *
 * <p>Each step solves {@code (I + Z^T D Z) dw = r}, {@code D = diag(a / s)}: a {@code p x p} system
 * (its matrix by one TensorFlow MatMul over the rows {@code sqrt(D_i) x_i}, a double Cholesky
 * factorization) whatever {@code n}, and its progress does not depend on the conditioning of the
 * Gram matrix. The iteration stops when the duality gap {@code a.s} is below {@link #GAP_TOLERANCE}
 * of {@code ||w||^2} and the primal residual {@code Zw - s - 1} and the dual residual {@code w - Z^T
 * a} below {@link #RESIDUAL_TOLERANCE} (of 1 and {@code ||w||}), or the dual residual stalls there
 * ({@link #STALL_STEPS}). Its answer is not the certificate:
 * {@link #support} turns it into a starting point whose support set the dual's active-set rounds
 * then solve exactly.
 */
final class FeatureInteriorPoint {
  /** Relative duality gap {@code a.s / ||w||^2} at which the support set is read off. */
  static final double GAP_TOLERANCE = 1e-8;
  /**
   * Tolerance of the residuals (relative to 1 and {@code ||w||}): near the end the Newton systems
   * are ill-conditioned (the ratios {@code a_i / s_i} span 20 orders of magnitude) and the dual
   * residual stops falling near 1e-9, rising again as the gap falls further.
   */
  static final double RESIDUAL_TOLERANCE = 1e-6;
  /**
   * Steps without halving the smallest dual residual seen, after which an iteration whose gap and
   * primal residual are within tolerance stops with the dual residual above its own: on width-37
   * VGG's 3-epoch CIFAR-10 conjugate features the gap fell below 1e-8 at step 20 with the dual
   * residual at 1.6e-6, which then wandered between 1e-5 and 8e-4 up to the step cap (130 steps,
   * 23 s each). The answer is only the support-set rounds' starting guess, which they certify or
   * reject.
   */
  static final int STALL_STEPS = 8;
  /** Fraction of the step to the boundary that is taken. */
  private static final double STEP_FRACTION = 0.99;

  /**
   * What the iteration reached.
   *
   * @param w the primal point
   * @param a the dual coefficients (all positive)
   * @param s the slacks (all positive)
   * @param steps interior-point steps made
   * @param gap the last relative duality gap {@code a.s / ||w||^2}
   * @param dualResidual the last dual residual {@code ||w - Z^T a||_inf / ||w||}
   */
  record Result(double[] w, double[] a, double[] s, int steps, double gap, double dualResidual) {}

  private FeatureInteriorPoint() {}

  /**
   * Runs from {@code start}, a separating direction ({@code Z start > 0} everywhere; scaled here to
   * a primal feasible point), for at most {@code maxSteps} steps.
   */
  static Result run(DenseMatrix x, double[] signs, double[] start, int maxSteps, Progress progress) {
    return run(x, signs, start, maxSteps, RESIDUAL_TOLERANCE, progress);
  }

  /** {@link #run} with the dual residual's tolerance given (tests make it unreachable to exercise the stall rule). */
  static Result run(DenseMatrix x, double[] signs, double[] start, int maxSteps, double dualTolerance,
      Progress progress) {
    int n = x.rows();
    int p = x.cols();
    double[] zw = new double[n];
    MatVec.multiplySigned(x, signs, start, zw);
    double min = Double.POSITIVE_INFINITY;
    for (double v : zw) {
      min = Math.min(min, v);
    }
    if (!(min > 0)) {
      throw new IllegalArgumentException("the start does not separate the data: smallest margin " + min);
    }
    double[] w = new double[p];
    for (int j = 0; j < p; j++) {
      w[j] = start[j] * 2 / min;
    }
    double[] s = new double[n];
    double[] a = new double[n];
    double mu0 = dot(w, w) / n;
    for (int i = 0; i < n; i++) {
      s[i] = zw[i] * 2 / min - 1;
      a[i] = mu0 / s[i];
    }
    double[] rp = new double[n];
    double[] rd = new double[p];
    double[] rc = new double[n];
    int step = 0;
    double gap = Double.POSITIVE_INFINITY;
    double bestDual = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    while (true) {
      residuals(x, signs, w, s, a, rp, rd);
      double ww = Math.max(dot(w, w), Double.MIN_NORMAL);
      gap = dot(a, s) / ww;
      double primal = maxAbs(rp);
      double dual = maxAbs(rd) / Math.sqrt(ww);
      progress.status(String.format(Locale.ROOT, "interior point step %d: gap %.3g, primal %.3g, dual %.3g, 1/||w|| %.6g",
          step, gap, primal, dual, 1 / Math.sqrt(ww)));
      if (dual <= bestDual / 2) {
        bestDual = dual;
        sinceBest = 0;
      } else {
        sinceBest++;
      }
      if (finished(gap, primal, dual, sinceBest, dualTolerance) || step >= maxSteps) {
        return new Result(w, a, s, step, gap, dual);
      }
      double mu = dot(a, s) / n;
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = a[i] / s[i];
      }
      CholeskyFactor f = factor(x, d);
      // Predictor (affine scaling): rc = a s.
      for (int i = 0; i < n; i++) {
        rc[i] = a[i] * s[i];
      }
      Direction aff = direction(x, signs, f, d, s, rp, rd, rc);
      double alphaAff = Math.min(1, Math.min(boundary(s, aff.ds()), boundary(a, aff.da())));
      double muAff = 0;
      for (int i = 0; i < n; i++) {
        muAff += (s[i] + alphaAff * aff.ds()[i]) * (a[i] + alphaAff * aff.da()[i]);
      }
      muAff /= n;
      double sigma = Math.pow(muAff / mu, 3);
      // Corrector: rc = a s + ds_aff da_aff - sigma mu.
      for (int i = 0; i < n; i++) {
        rc[i] = a[i] * s[i] + aff.ds()[i] * aff.da()[i] - sigma * mu;
      }
      Direction dir = direction(x, signs, f, d, s, rp, rd, rc);
      double alpha = Math.min(1, STEP_FRACTION * Math.min(boundary(s, dir.ds()), boundary(a, dir.da())));
      for (int j = 0; j < p; j++) {
        w[j] += alpha * dir.dw()[j];
      }
      for (int i = 0; i < n; i++) {
        s[i] += alpha * dir.ds()[i];
        a[i] += alpha * dir.da()[i];
      }
      step++;
      progress.step(1);
    }
  }

  /**
   * Whether the iteration is done: the gap and the primal residual within tolerance, and the dual
   * residual within {@code dualTolerance} or stalled ({@link #STALL_STEPS} steps without halving
   * its smallest value).
   */
  static boolean finished(double gap, double primal, double dual, int sinceBest, double dualTolerance) {
    return gap <= GAP_TOLERANCE && primal <= RESIDUAL_TOLERANCE
        && (dual <= dualTolerance || sinceBest >= STALL_STEPS);
  }

  /**
   * The starting point for the dual's rounds: {@code a_i} where the example is on the margin (its
   * coefficient large against its slack, on the scale of the largest of each), 0 elsewhere.
   */
  static double[] support(Result r) {
    double maxA = 0;
    double maxS = 0;
    for (int i = 0; i < r.a().length; i++) {
      maxA = Math.max(maxA, r.a()[i]);
      maxS = Math.max(maxS, r.s()[i]);
    }
    double[] a = new double[r.a().length];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.a()[i] * maxS > r.s()[i] * maxA ? r.a()[i] : 0;
    }
    return a;
  }

  private record Direction(double[] dw, double[] ds, double[] da) {}

  /**
   * The Newton direction of the residuals {@code rp = Zw - s - 1}, {@code rd = w - Z^T a} and the
   * complementarity {@code rc}: {@code (I + Z^T D Z) dw = -rd - Z^T (rc / s + D rp)}, {@code ds = Z dw
   * + rp}, {@code da = -(rc + a ds) / s}.
   */
  private static Direction direction(DenseMatrix x, double[] signs, CholeskyFactor f, double[] d, double[] s,
      double[] rp, double[] rd, double[] rc) {
    int n = s.length;
    int p = rd.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rc[i] / s[i] + d[i] * rp[i];
    }
    double[] rhs = new double[p];
    MatVec.multiplyTransposedSigned(x, signs, v, rhs);
    for (int j = 0; j < p; j++) {
      rhs[j] = -rd[j] - rhs[j];
    }
    double[] dw = f.solve(rhs);
    double[] ds = new double[n];
    MatVec.multiplySigned(x, signs, dw, ds);
    double[] da = new double[n];
    for (int i = 0; i < n; i++) {
      ds[i] += rp[i];
      // From s da + a ds = -rc.
      da[i] = -(rc[i] + d[i] * s[i] * ds[i]) / s[i];
    }
    return new Direction(dw, ds, da);
  }

  /**
   * The factor of {@code I + X^T D X} (the signs cancel), the product in double: {@code D} spans many
   * orders of magnitude near the end, and float rounding of the product would swamp the identity.
   * Should the factorization fail all the same, a relative jitter of the diagonal is added.
   */
  private static CholeskyFactor factor(DenseMatrix x, double[] d) {
    int n = x.rows();
    int p = x.cols();
    double[] y = new double[n * p];
    float[] data = x.data();
    for (int i = 0; i < n; i++) {
      double r = Math.sqrt(d[i]);
      int off = x.rowOffset(i);
      for (int j = 0; j < p; j++) {
        y[i * p + j] = r * data[off + j];
      }
    }
    double[] m = Products.crossProductDouble(y, n, p);
    y = null;
    for (int j = 0; j < p; j++) {
      m[j * p + j] += 1;
    }
    return CholeskyFactor.inPlaceWithJitter(m, p, 0);
  }

  private static void residuals(DenseMatrix x, double[] signs, double[] w, double[] s, double[] a, double[] rp,
      double[] rd) {
    MatVec.multiplySigned(x, signs, w, rp);
    for (int i = 0; i < rp.length; i++) {
      rp[i] -= s[i] + 1;
    }
    MatVec.multiplyTransposedSigned(x, signs, a, rd);
    for (int j = 0; j < w.length; j++) {
      rd[j] = w[j] - rd[j];
    }
  }

  /** The largest step {@code t} with {@code v + t dv >= 0} (infinity when {@code dv >= 0}). */
  private static double boundary(double[] v, double[] dv) {
    double t = Double.POSITIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      if (dv[i] < 0) {
        t = Math.min(t, -v[i] / dv[i]);
      }
    }
    return t;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
