package org.afterkernel.linear;

import java.util.Locale;
import org.afterkernel.io.Progress;

/**
 * Algorithm 1 of Ji, Srebro and Telgarsky, "Fast margin maximization via dual acceleration" (ICML
 * 2021), exactly as the original script iterates it: with {@code z_i = s_i x_i}, {@code w = 0},
 * {@code g = 0} and {@code t = 0, 1, 2, ...}
 *
 * <pre>
 *   grad = gradient of log sum_i exp(-z_i . w)  (= -sum_i q_i z_i, q = softmax(-Zw))
 *   g    = (g + grad) * t / (t + 1)
 *   w    = w - (g + grad)
 * </pre>
 *
 * with unit step and no normalisation (the experiment scales the features to mean norm about 1
 * beforehand). Features give the primal form, a Gram matrix the dual form ({@link Jst1Form}); both
 * produce the same iterates. Vectors and sums are double (the original used float32) and the
 * logsumexp subtracts its largest exponent, so features of any scale give finite iterates.
 *
 * <p>On data that is not linearly separable the loss is bounded below, {@code w} settles near its
 * minimiser and the margin stays negative; the run ends by the iteration or time bound of its
 * {@link StopRule}. In the dual form it may end earlier, with {@link StopReason#PRECISION_LIMIT},
 * when the float Gram matrix can no longer represent the iterate ({@link GramRounding}).
 */
public final class Jst1 implements MaxMarginSolver {
  /** Iterations between progress status updates (formatting is not free on tiny problems). */
  private static final int STATUS_EVERY = 64;

  @Override
  public String name() {
    return "jst1";
  }

  @Override
  public boolean supportsGram() {
    return true;
  }

  /**
   * Sees every iterate of a run, before its stop check: its iteration count, normalised training
   * margin and the seconds since the run started, and on request its classifier (a copy).
   */
  @FunctionalInterface
  public interface Observer {
    void iterate(long iteration, double margin, double seconds, java.util.function.Supplier<LinearModel> model);
  }

  @Override
  public Solution fit(TrainingSet data, StopRule stop, Progress progress) {
    return fit(data, stop, progress, null);
  }

  /** {@link #fit(TrainingSet, StopRule, Progress)}, showing every iterate to {@code observer}. */
  public Solution fit(TrainingSet data, StopRule stop, Progress progress, Observer observer) {
    data.labels().requireBothClasses();
    StopRule.Monitor monitor = stop.start();
    Jst1Form form = Jst1Form.of(data);
    int n = data.size();
    int d = form.dimension();
    double[] v = new double[d];
    double[] g = new double[d];
    double[] grad = new double[d];
    double[] m = new double[n];
    double[] q = new double[n];
    // The coefficients a >= 0 of w = sum_i a_i z_i follow the same recursion on q as the iterate
    // on -grad: in the dual they are the iterate; in the primal they are kept beside it (O(n)).
    boolean primal = form instanceof Jst1Form.Primal;
    double[] a = primal ? new double[n] : v;
    double[] ga = primal ? new double[n] : null;
    double sumA = 0;
    double sumG = 0;
    long t = 0;
    while (true) {
      form.signedMargins(v, m);
      double norm = Math.sqrt(form.normSquared(v, m));
      double margin = Margins.fromSignedValues(m, norm);
      double gap = sumA > 0 && norm > 0 ? 1 - margin / (norm / sumA) : Double.NaN;
      if (Double.isNaN(margin)) {
        throw new IllegalArgumentException(
            "the margin became NaN at iteration " + t + ": the training data has non-finite values");
      }
      if (observer != null) {
        double weightNorm = norm;
        observer.iterate(t, margin, monitor.seconds(), () -> form.model(v, weightNorm));
      }
      StopReason reason = monitor.check(t, margin, gap);
      if (reason == null && t > 0 && form.beyondPrecision(v, norm)) {
        reason = StopReason.PRECISION_LIMIT;
      }
      if (reason != null) {
        progress.status(String.format(Locale.ROOT, "margin %.6g", margin));
        return new Solution(name(), data.form(), form.model(v, norm), margin, t, monitor.seconds(), reason,
            Certificate.of(a, m, norm, false, t));
      }
      Softmax.ofNegated(m, q);
      form.gradient(q, grad);
      double shrink = t / (t + 1.0);
      for (int k = 0; k < d; k++) {
        g[k] = (g[k] + grad[k]) * shrink;
        v[k] -= g[k] + grad[k];
      }
      if (primal) {
        for (int i = 0; i < n; i++) {
          ga[i] = (ga[i] + q[i]) * shrink;
          a[i] += ga[i] + q[i];
        }
      }
      // sum_i q_i = 1: the coefficients' sum follows the scalar recursion.
      sumG = (sumG + 1) * shrink;
      sumA += sumG + 1;
      t++;
      if (t % STATUS_EVERY == 0) {
        progress.status(String.format(Locale.ROOT, "margin %.6g", margin));
      }
      progress.step(1);
    }
  }
}
