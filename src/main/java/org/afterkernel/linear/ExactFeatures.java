package org.afterkernel.linear;

import org.afterkernel.io.Progress;
import org.afterkernel.tf.Products;

/**
 * {@link ExactSvm} on features: with fewer features than examples (the conjugate kernel), first
 * {@link LogSumExpNewton} decides separability (and gives the estimator when the data is not
 * separable); otherwise, and for separable data, the Gram matrix {@code X X^T} (one TensorFlow
 * MatMul) is solved in the dual and the answer returned as the weight vector {@code w = X^T (s a)},
 * so that test examples are classified from their features.
 */
final class ExactFeatures {
  /** Newton steps before the dual takes over undecided data. */
  static final int NEWTON_STEPS = 60;

  private ExactFeatures() {}

  static Solution fit(ExactSvm solver, TrainingSet.Features f, StopRule stop, Progress progress) {
    long t0 = System.nanoTime();
    DenseMatrix x = f.x();
    int n = x.rows();
    int p = x.cols();
    double[] signs = f.labels().signs();
    long newtonSteps = 0;
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
    }
    DenseMatrix k = new DenseMatrix(n, n, Products.gram(x.data(), n, p));
    Solution s = solver.fitGram(new TrainingSet.Gram(k, f.labels()), stop, progress);
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

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
