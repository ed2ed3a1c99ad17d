package org.afterkernel.linear;

import org.afterkernel.io.Progress;
import org.afterkernel.tf.Products;

/**
 * {@link ExactSvm} on features: with fewer features than examples (the conjugate kernel), first
 * {@link LogSumExpNewton} decides separability (and gives the estimator when the data is not
 * separable), and on separable data {@link FeatureInteriorPoint} finds the support set from
 * Newton's separator and {@link FeatureActiveSet} solves it exactly in double on the features.
 * Otherwise (more features than examples, Newton undecided, or a support set the rounds could not
 * settle) the Gram matrix {@code X X^T} (one TensorFlow MatMul) is solved in the dual, from the
 * interior point's guess when there is one, and the answer returned as the weight vector {@code w
 * = X^T (s a)}, so that test examples are classified from their features.
 */
final class ExactFeatures {
  /** Newton steps before the dual takes over undecided data. */
  static final int NEWTON_STEPS = 60;
  /** Interior-point steps at most (it stops at its tolerance, in 20-60 on the conjugate kernels). */
  static final int INTERIOR_POINT_STEPS = 150;
  /** Solves of {@link FeatureActiveSet} from the interior point's support set, at most. */
  static final int SUPPORT_ROUNDS = 30;

  private ExactFeatures() {}

  static Solution fit(ExactSvm solver, TrainingSet.Features f, StopRule stop, Progress progress) {
    long t0 = System.nanoTime();
    DenseMatrix x = f.x();
    int n = x.rows();
    int p = x.cols();
    double[] signs = f.labels().signs();
    long newtonSteps = 0;
    double[] start = null;
    if (p < n) {
      LogSumExpNewton.Result r = LogSumExpNewton.run(x, signs, NEWTON_STEPS, progress);
      newtonSteps = r.steps();
      if (r.outcome() == LogSumExpNewton.Outcome.NOT_SEPARABLE) {
        int support = 0;
        for (double v : r.q()) {
          if (v > 1e-9) {
            support++;
          }
        }
        String note = String.format(java.util.Locale.ROOT, "not separable: the hull point Z'q of Newton's softmax"
            + " weights is %.3g from the origin; the classifier is the minimiser of JST1's loss log sum exp(-z.w)",
            r.hullNorm());
        Certificate c = new Certificate(false, Double.NaN, Double.NaN, r.hullNorm(), support, r.steps(), note);
        return primal(solver, r.w(), f, r.steps(), seconds(t0), StopReason.NOT_SEPARABLE, c);
      }
      if (r.outcome() == LogSumExpNewton.Outcome.SEPARABLE) {
        FeatureInteriorPoint.Result ip = FeatureInteriorPoint.run(x, signs, r.w(), INTERIOR_POINT_STEPS, progress);
        newtonSteps += ip.steps();
        start = FeatureInteriorPoint.support(ip);
        double tolerance = stop.hasKktTolerance() ? stop.kktTolerance() : StopRule.DEFAULT_KKT_TOLERANCE;
        FeatureActiveSet.Result e = FeatureActiveSet.run(x, signs, start, tolerance, SUPPORT_ROUNDS, progress);
        if (e.converged()) {
          Certificate c = Certificate.of(e.a(), e.m(), Math.sqrt(dot(e.w(), e.w())), true, e.rounds());
          StopReason reason = c.kktResidual() <= tolerance ? StopReason.KKT : StopReason.ITERATIONS;
          return primal(solver, e.w(), f, newtonSteps + e.rounds(), seconds(t0), reason, c);
        }
        // A guess too far from the support set: the dual on the Gram matrix, from the guess.
      }
    }
    DenseMatrix k = new DenseMatrix(n, n, Products.gram(x.data(), n, p));
    Solution s = solver.fitGram(new TrainingSet.Gram(k, f.labels()), stop, progress, start);
    LinearModel.Dual d = (LinearModel.Dual) s.model();
    double[] w = new double[p];
    MatVec.multiplyTransposed(x, d.signedCoefficients(), w);
    return primal(solver, w, f, s.iterations() + newtonSteps, seconds(t0), s.stopReason(), s.certificate());
  }

  /** A primal solution for {@code w}, its margin recomputed from the features. */
  private static Solution primal(ExactSvm solver, double[] w, TrainingSet.Features f, long iterations,
      double seconds, StopReason reason, Certificate c) {
    LinearModel.Primal model = new LinearModel.Primal(w);
    double margin = Margins.of(model, f);
    return new Solution(solver.name(), f.form(), model, margin, iterations, seconds, reason, c);
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
