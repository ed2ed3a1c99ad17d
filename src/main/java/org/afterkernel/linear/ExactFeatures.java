package org.afterkernel.linear;

import org.afterkernel.io.Progress;
import org.afterkernel.tf.Products;

/**
 * {@link ExactSvm} on features. With fewer features than examples (the conjugate kernel), first
 * {@link LogSumExpNewton} decides separability (and gives the estimator when the data is not
 * separable); on separable data the answer is computed on the features in double by {@link
 * FeatureActiveSet}, from the support set of the dual on the Gram matrix when that certifies within
 * {@link #DUAL_ROUNDS} rounds, else from that of {@link FeatureInteriorPoint} (started at Newton's
 * separator), so that no float Gram matrix stands between the KKT check and the margin. Otherwise
 * (more features than examples, Newton undecided, or no support set settled) the Gram matrix
 * {@code X X^T} (one TensorFlow MatMul) is solved in the dual, from the interior point's guess when
 * there is one, and the answer returned as the weight vector {@code w = X^T (s a)}, so that test
 * examples are classified from their features.
 */
final class ExactFeatures {
  /** Newton steps before the dual takes over undecided data. */
  static final int NEWTON_STEPS = 60;
  /**
   * Rounds the dual on the Gram matrix gets on separable data before the interior point takes
   * over: enough for every conjugate kernel of the replication but width-38 VGG's on CIFAR-10
   * (1-5), and it is the cheaper road where it works (mega-VGG: 11,662 features make an interior
   * point step a {@code p^2 n} product in double).
   */
  static final int DUAL_ROUNDS = 10;
  /** Interior-point steps at most (it stops at its tolerance, in 10-25 on the problems seen). */
  static final int INTERIOR_POINT_STEPS = 150;
  /** Solves of {@link FeatureActiveSet} from a guessed support set, at most. */
  static final int SUPPORT_ROUNDS = 30;

  private ExactFeatures() {}

  static Solution fit(ExactSvm solver, TrainingSet.Features f, StopRule stop, Progress progress) {
    return fit(solver, f, stop, progress, DUAL_ROUNDS);
  }

  /** As {@link #fit(ExactSvm, TrainingSet.Features, StopRule, Progress)}, the dual's rounds given (0: none). */
  static Solution fit(ExactSvm solver, TrainingSet.Features f, StopRule stop, Progress progress, int dualRounds) {
    long t0 = System.nanoTime();
    DenseMatrix x = f.x();
    int n = x.rows();
    int p = x.cols();
    double[] signs = f.labels().signs();
    long steps = 0;
    double[] start = null;
    TrainingSet.Gram k = null; // made once: the dual's first rounds and its fallback share it
    if (p < n) {
      LogSumExpNewton.Result r = LogSumExpNewton.run(x, signs, NEWTON_STEPS, progress);
      steps = r.steps();
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
        double tolerance = stop.hasKktTolerance() ? stop.kktTolerance() : StopRule.DEFAULT_KKT_TOLERANCE;
        if (dualRounds > 0) {
          k = gram(f);
          Solution s = solver.fitGram(k, StopRule.kkt(tolerance, dualRounds), progress, null);
          steps += s.iterations();
          if (s.stopReason() == StopReason.KKT) {
            double[] guess = ((LinearModel.Dual) s.model()).coefficients();
            Solution e = onFeatures(solver, f, guess, tolerance, steps, t0, progress);
            if (e != null) {
              return e;
            }
          }
        }
        FeatureInteriorPoint.Result ip = FeatureInteriorPoint.run(x, signs, r.w(), INTERIOR_POINT_STEPS, progress);
        steps += ip.steps();
        start = FeatureInteriorPoint.support(ip);
        Solution e = onFeatures(solver, f, start, tolerance, steps, t0, progress);
        if (e != null) {
          return e;
        }
        // A guess too far from the support set: the dual on the Gram matrix, from the guess.
      }
    }
    Solution s = solver.fitGram(k == null ? gram(f) : k, stop, progress, start);
    LinearModel.Dual d = (LinearModel.Dual) s.model();
    double[] w = new double[p];
    MatVec.multiplyTransposed(x, d.signedCoefficients(), w);
    return primal(solver, w, f, s.iterations() + steps, seconds(t0), s.stopReason(), s.certificate());
  }

  /** {@link FeatureActiveSet} from {@code guess}: the exact answer on the features, or null. */
  private static Solution onFeatures(ExactSvm solver, TrainingSet.Features f, double[] guess, double tolerance,
      long steps, long t0, Progress progress) {
    FeatureActiveSet.Result e = FeatureActiveSet.run(f.x(), f.labels().signs(), guess, tolerance, SUPPORT_ROUNDS,
        progress);
    if (!e.converged()) {
      return null;
    }
    Certificate c = Certificate.of(e.a(), e.m(), new LinearModel.Primal(e.w()).weightNorm(), true, e.rounds());
    StopReason reason = c.kktResidual() <= tolerance ? StopReason.KKT : StopReason.ITERATIONS;
    return primal(solver, e.w(), f, steps + e.rounds(), seconds(t0), reason, c);
  }

  private static TrainingSet.Gram gram(TrainingSet.Features f) {
    DenseMatrix x = f.x();
    return new TrainingSet.Gram(new DenseMatrix(x.rows(), x.rows(), Products.gram(x.data(), x.rows(), x.cols())),
        f.labels());
  }

  /** A primal solution for {@code w}, its margin recomputed from the features. */
  private static Solution primal(ExactSvm solver, double[] w, TrainingSet.Features f, long iterations,
      double seconds, StopReason reason, Certificate c) {
    LinearModel.Primal model = new LinearModel.Primal(w);
    double margin = Margins.of(model, f);
    return new Solution(solver.name(), f.form(), model, margin, iterations, seconds, reason, c);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
