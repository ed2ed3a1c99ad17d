package org.afterkernel.linear;

import java.util.Locale;
import org.afterkernel.io.Progress;
import org.afterkernel.tf.CholeskyFactor;
import org.afterkernel.tf.Products;

/**
 * Newton's method on Algorithm 1's loss {@code L(w) = log sum_i exp(-z_i . w)} over features
 * ({@code z_i = s_i x_i}), which decides whether the training set is linearly separable and, when
 * it is not, gives the classifier the exact solver reports there.
 *
 * <p>{@code L} is bounded below exactly when the data is not separable. At every iterate, {@code q
 * = softmax(-Zw)} is a point of the simplex and {@code -grad L = Z^T q} a point of the convex hull
 * of the {@code z_i}: when its norm falls below {@link Certificate#NOT_SEPARABLE_TOLERANCE} of the
 * largest example norm, the origin is (to that precision) in the hull and no {@code w} separates
 * the data; {@code w} is then the minimiser of {@code L}, the point Algorithm 1's iterates approach
 * on such data. When an iterate gives every example a positive margin, the data is separable.
 *
 * <p>Each step solves {@code (H + mu I) d = -grad} with the Hessian {@code H = Z^T diag(q) Z - (Z^T
 * q)(Z^T q)^T} (its first term by one TensorFlow MatMul over the rows {@code sqrt(q_i) x_i}; {@code
 * mu} a 1e-10 relative guard against its exact null directions) by a double Cholesky
 * factorization, then backtracks until {@code L} decreases (Armijo).
 */
final class LogSumExpNewton {
  /** What the iteration found. */
  enum Outcome { SEPARABLE, NOT_SEPARABLE, UNDECIDED }

  /**
   * @param outcome what was decided
   * @param w the last iterate
   * @param q the last softmax weights (the hull point's coefficients)
   * @param hullNorm {@code ||Z^T q||}
   * @param steps Newton steps made
   */
  record Result(Outcome outcome, double[] w, double[] q, double hullNorm, int steps) {}

  private LogSumExpNewton() {}

  static Result run(DenseMatrix x, double[] signs, int maxSteps, Progress progress) {
    int n = x.rows();
    int p = x.cols();
    double maxNorm = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      int off = x.rowOffset(i);
      for (int j = 0; j < p; j++) {
        s += (double) x.data()[off + j] * x.data()[off + j];
      }
      maxNorm = Math.max(maxNorm, Math.sqrt(s));
    }
    double limit = Certificate.NOT_SEPARABLE_TOLERANCE * maxNorm;
    double[] w = new double[p];
    double[] m = new double[n];
    double[] q = new double[n];
    double[] grad = new double[p];
    double loss = evaluate(x, signs, w, m, q);
    int step = 0;
    while (true) {
      double min = Double.POSITIVE_INFINITY;
      for (double v : m) {
        min = Math.min(min, v);
      }
      gradient(x, signs, q, grad);
      double gnorm = Math.sqrt(dot(grad, grad));
      progress.status(String.format(Locale.ROOT, "Newton step %d: loss %.10g, |grad| %.3g, min margin %.3g",
          step, loss, gnorm, min));
      if (min > 0) {
        return new Result(Outcome.SEPARABLE, w, q, gnorm, step);
      }
      if (gnorm <= limit) {
        return new Result(Outcome.NOT_SEPARABLE, w, q, gnorm, step);
      }
      if (step >= maxSteps) {
        return new Result(Outcome.UNDECIDED, w, q, gnorm, step);
      }
      double[] d = direction(x, q, grad);
      double slope = dot(grad, d);
      double t = 1;
      double[] trial = new double[p];
      double next;
      while (true) {
        for (int j = 0; j < p; j++) {
          trial[j] = w[j] + t * d[j];
        }
        next = evaluate(x, signs, trial, m, q);
        if (next <= loss + 1e-4 * t * slope || t < 1e-12) {
          break;
        }
        t /= 2;
      }
      if (!(next < loss)) {
        evaluate(x, signs, w, m, q);
        return new Result(gnorm <= 1e3 * limit ? Outcome.NOT_SEPARABLE : Outcome.UNDECIDED, w, q, gnorm, step);
      }
      w = trial;
      loss = next;
      step++;
    }
  }

  /** The loss at {@code w}; writes the signed margins {@code m} and softmax weights {@code q}. */
  private static double evaluate(DenseMatrix x, double[] signs, double[] w, double[] m, double[] q) {
    MatVec.multiplySigned(x, signs, w, m);
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m.length; i++) {
      max = Math.max(max, -m[i]);
    }
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      q[i] = Math.exp(-m[i] - max);
      sum += q[i];
    }
    for (int i = 0; i < m.length; i++) {
      q[i] /= sum;
    }
    return max + Math.log(sum);
  }

  /** {@code grad = -Z^T q}. */
  private static void gradient(DenseMatrix x, double[] signs, double[] q, double[] grad) {
    MatVec.multiplyTransposedSigned(x, signs, q, -1, grad);
  }

  /**
   * The Newton direction {@code -(H + mu I)^-1 grad}. Memory: besides the features, one float
   * {@code n x p} copy (the weighted rows), then one float and one double {@code p x p} matrix, the
   * double one factorized in place: mega-VGG's conjugate features ({@code p} = 11,662) make each
   * {@code p x p} double 1.1 GB.
   */
  private static double[] direction(DenseMatrix x, double[] q, double[] grad) {
    int p = x.cols();
    double[] hd = hessian(x, q, grad);
    CholeskyFactor f = CholeskyFactor.inPlaceWithJitter(hd, p, 1e-10);
    double[] neg = new double[p];
    for (int j = 0; j < p; j++) {
      neg[j] = -grad[j];
    }
    return f.solve(neg);
  }

  /** {@code H = Z^T diag(q) Z - grad grad^T}, row-major {@code p x p} in double. */
  private static double[] hessian(DenseMatrix x, double[] q, double[] grad) {
    int p = x.cols();
    float[] h = weightedCrossProduct(x, q);
    double[] hd = new double[p * p];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        // -grad = Z^T q: the rank-one term is (Z^T q)(Z^T q)^T = grad grad^T.
        hd[j * p + k] = h[j * p + k] - grad[j] * grad[k];
      }
    }
    return hd;
  }

  /** {@code X^T diag(q) X} in float, by one MatMul over the rows {@code sqrt(q_i) x_i}. */
  private static float[] weightedCrossProduct(DenseMatrix x, double[] q) {
    int n = x.rows();
    int p = x.cols();
    float[] y = new float[n * p];
    float[] data = x.data();
    for (int i = 0; i < n; i++) {
      float r = (float) Math.sqrt(q[i]);
      int off = i * p;
      for (int j = 0; j < p; j++) {
        y[off + j] = r * data[off + j];
      }
    }
    return Products.crossProduct(y, n, p);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
