package org.afterkernel.linear;

import java.util.Locale;
import org.afterkernel.io.Progress;

/**
 * The hard-margin SVM of the original script's problem (homogeneous: no bias; the caller rescales
 * the features as the script does), solved to a stated KKT tolerance: the {@code exact} solver.
 *
 * <p>It solves the dual {@code min_a 1/2 a'Qa - 1'a} over {@code a >= 0}, {@code Q_ij = s_i s_j
 * x_i . x_j}, whose solution gives {@code w = sum_i a_i s_i x_i}, functional margins {@code m = Qa}
 * and the maximum margin {@code 1 / ||w||}. Optimality (KKT): {@code m_i = 1} where {@code a_i > 0},
 * {@code m_i >= 1} where {@code a_i = 0}; the residual is the largest violation ({@link
 * Certificate}). The solve runs in three stages, stopping as soon as the residual is at most the
 * stop rule's KKT tolerance (default 1e-8):
 *
 * <ol>
 *   <li>a few passes of greedy coordinate descent ({@link DualCoordinateDescent}: LIBSVM's
 *       second-order selection without the bias's pairs, shrinking, and a rescaling step), which
 *       guess the support set cheaply ({@value #FIRST_STEPS_PER_EXAMPLE} steps per example, or a
 *       residual of {@value #FIRST_TOLERANCE});
 *   <li>rounds of the active-set (Newton) method ({@link ActiveSetRound}): solve {@code Q_WW x = 1}
 *       on the support vectors and the violated examples by a double Cholesky factorization kept
 *       across rounds ({@link WorkingFactor}), drop the negative coefficients, repeat; the residual
 *       is recomputed from scratch with one product of the whole Gram matrix after each round. Its
 *       progress does not depend on the conditioning of the Gram matrix, which makes coordinate
 *       descent alone hopeless on the after kernels of VGG (margins near 1e-3, coefficients summing
 *       to 1e6);
 *   <li>should a round fail to decrease the objective (the plain active-set method can cycle, and a
 *       working set beyond the Gram matrix's rank is singular), coordinate descent to a tenth of
 *       the last residual, each followed by the guarded support-set step of {@link
 *       SupportSetSolver}, which always descends.
 * </ol>
 *
 * <p>Features are turned into their Gram matrix first (one TensorFlow MatMul); on features with
 * fewer dimensions than examples (the conjugate kernel) {@link LogSumExpNewton} first decides
 * whether the training set is separable at all. When it is, the support set of the rounds above
 * (at most 10 of them) or of {@link FeatureInteriorPoint} is solved again in double on the features
 * by {@link FeatureActiveSet} ({@link ExactFeatures}). When it is not, no hard-margin SVM exists: the
 * result says {@code separable: false} and its classifier is the documented estimator, the
 * minimiser of JST1's loss {@code log sum_i exp(-z_i . w)} (the point Algorithm 1 converges to on
 * such data), computed by Newton's method. On a Gram matrix, non-separability shows as a hull point
 * within {@link Certificate#NOT_SEPARABLE_TOLERANCE} of the origin; the estimator is then Algorithm
 * 1 itself, run until its margin changes by less than 1e-4 (see docs/solvers.md).
 */
public final class ExactSvm implements MaxMarginSolver {
  /** Tolerance of the first coordinate-descent pass. */
  static final double FIRST_TOLERANCE = 1e-3;
  /** Coordinate-descent steps per example of a fallback round. */
  static final long FALLBACK_STEPS_PER_EXAMPLE = 50;
  /** Coordinate-descent steps per example before the active-set rounds take over. */
  static final long FIRST_STEPS_PER_EXAMPLE = 5;
  /** Rounds when the stop rule sets none. */
  public static final long DEFAULT_ROUNDS = 60;

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public boolean supportsGram() {
    return true;
  }

  @Override
  public Solution fit(TrainingSet data, StopRule stop, Progress progress) {
    data.labels().requireBothClasses();
    if (data instanceof TrainingSet.Features f) {
      return ExactFeatures.fit(this, f, stop, progress);
    }
    TrainingSet.Gram gram = (TrainingSet.Gram) data;
    return fitGram(gram, stop, progress);
  }

  /** The dual solve on a Gram matrix. */
  Solution fitGram(TrainingSet.Gram data, StopRule stop, Progress progress) {
    return fitGram(data, stop, progress, null);
  }

  /**
   * The dual solve on a Gram matrix from {@code start} (coefficients whose positive entries guess
   * the support set, see {@link FeatureInteriorPoint#support}; null: from 0 by coordinate descent).
   */
  Solution fitGram(TrainingSet.Gram data, StopRule stop, Progress progress, double[] start) {
    StopRule.Monitor monitor = stop.start();
    double tolerance = stop.hasKktTolerance() ? stop.kktTolerance() : StopRule.DEFAULT_KKT_TOLERANCE;
    long maxRounds = stop.hasIterationLimit() ? stop.maxIterations() : DEFAULT_ROUNDS;
    SignedGram q = new SignedGram(data.k(), data.labels().signs());
    int n = q.size();
    double normLimit = Certificate.NOT_SEPARABLE_TOLERANCE * Math.sqrt(q.maxDiagonal());
    for (int i = 0; i < n; i++) {
      if (!(q.diagonal()[i] > 0)) {
        return notSeparable(data, monitor, 0, "example " + i + " is zero (K[" + i + "," + i + "] = "
            + q.diagonal()[i] + "): no direction gives it a positive margin");
      }
    }
    double[] a = start == null ? new double[n] : start.clone();
    double[] g = new double[n];
    q.gradient(a, g);
    DualCoordinateDescent cd = new DualCoordinateDescent(q);
    double residual = start != null ? DualCoordinateDescent.violation(a, g)
        : cd.run(a, g, Math.max(FIRST_TOLERANCE, tolerance), FIRST_STEPS_PER_EXAMPLE * (long) n + 100_000);
    progress.status(String.format(Locale.ROOT, "%s: %,d steps, KKT residual %.3g",
        start == null ? "coordinate descent" : "warm start", cd.steps(), residual));
    progress.step(0);
    long rounds = 0;
    ActiveSetRound active = new ActiveSetRound(q);
    boolean activeSet = true;
    double cdTolerance = Math.max(FIRST_TOLERANCE, tolerance);
    StopReason reason = null;
    while (reason == null) {
      double margin = margin(a, g);
      if (residual <= tolerance && margin > 0) {
        reason = StopReason.KKT;
        break;
      }
      double upper = marginUpperBound(a, g);
      if (!(margin > 0) && upper <= normLimit) {
        return notSeparable(data, monitor, rounds, String.format(Locale.ROOT,
            "a point of the examples' convex hull lies %.3g from the origin (largest example norm %.3g)", upper,
            Math.sqrt(q.maxDiagonal())));
      }
      reason = monitor.check(rounds, margin);
      if (reason == StopReason.TARGET_MARGIN) {
        reason = null; // the exact solver has no use for a target margin: it finishes
      }
      if (rounds >= maxRounds) {
        reason = StopReason.ITERATIONS;
      }
      if (reason != null) {
        break;
      }
      rounds++;
      long r0 = System.nanoTime();
      String how = "active set";
      ActiveSetRound.Round r = null;
      if (activeSet) {
        double before = objective(a, g);
        double[] saved = a.clone();
        r = active.run(a, g, tolerance);
        q.gradient(a, g);
        if (!(objective(a, g) < before) || r.support() < 0) {
          // The jump did not decrease the objective (a cycle, or a singular working set): from here
          // on, coordinate descent with the guarded support-set step, which always descends.
          System.arraycopy(saved, 0, a, 0, n);
          q.gradient(a, g);
          activeSet = false;
        }
      }
      if (!activeSet) {
        how = "descent";
        double v = cd.run(a, g, cdTolerance, FALLBACK_STEPS_PER_EXAMPLE * (long) n + 100_000);
        if (v > tolerance) {
          SupportSetSolver.round(q, a, g);
          q.gradient(a, g);
        }
        cdTolerance = Math.max(tolerance, Math.min(cdTolerance, DualCoordinateDescent.violation(a, g) / 10));
      }
      residual = DualCoordinateDescent.violation(a, g);
      String status = String.format(Locale.ROOT, "round %d (%s): working set %,d, %,d support vectors, %d"
          + " factorizations (%,d rows), KKT residual %.3g, %.2f s", rounds, how, r == null ? -1 : r.working(),
          r == null ? -1 : r.support(), r == null ? -1 : r.factorizations(), r == null ? -1 : r.factorizedRows(),
          residual, (System.nanoTime() - r0) / 1e9);
      progress.status(status);
      progress.step(1);
    }
    double[] m = new double[n];
    q.margins(a, m);
    double norm = Math.sqrt(Math.max(0, dot(a, m)));
    Certificate c = Certificate.of(a, m, norm, true, rounds);
    double margin = Margins.fromSignedValues(m, norm);
    progress.status(String.format(Locale.ROOT, "margin %.6g, KKT residual %.3g, %d rounds, %,d steps", margin,
        c.kktResidual(), rounds, cd.steps()));
    return new Solution(name(), data.form(), new LinearModel.Dual(a, q.signs().clone(), norm), margin, cd.steps(),
        monitor.seconds(), reason, c);
  }

  /** JST1's limit on a Gram matrix that the dual proved not separable. */
  private Solution notSeparable(TrainingSet.Gram data, StopRule.Monitor monitor, long rounds, String why) {
    Solution s = new Jst1().fit(data, StopRule.converged(1e-4, StopRule.DEFAULT_WINDOW, 20_000));
    String note = "not separable (" + why + "): the classifier is JST1's iterate after " + s.iterations()
        + " iterations (" + s.stopReason() + "), an estimate of its loss minimiser";
    return new Solution(name(), data.form(), s.model(), s.trainingMargin(), s.iterations(), monitor.seconds(),
        StopReason.NOT_SEPARABLE, s.certificate().with(false, note));
  }

  /** The dual objective {@code 1/2 a'Qa - 1'a = 1/2 sum_i a_i (g_i - 1)}. */
  static double objective(double[] a, double[] g) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * (g[i] - 1);
    }
    return s / 2;
  }

  /** {@code ||w|| / sum a}, with {@code ||w||^2 = a . (g + 1)}. */
  static double marginUpperBound(double[] a, double[] g) {
    double sum = 0;
    double norm2 = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i];
      norm2 += a[i] * (g[i] + 1);
    }
    return sum > 0 ? Math.sqrt(Math.max(0, norm2)) / sum : Double.POSITIVE_INFINITY;
  }

  /** {@code min_i (g_i + 1) / ||w||}. */
  static double margin(double[] a, double[] g) {
    double min = Double.POSITIVE_INFINITY;
    double norm2 = 0;
    for (int i = 0; i < a.length; i++) {
      min = Math.min(min, g[i] + 1);
      norm2 += a[i] * (g[i] + 1);
    }
    return norm2 > 0 ? min / Math.sqrt(norm2) : Double.NaN;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
