package org.afterkernel.tf;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * The Cholesky factor {@code A = L L^T} of a symmetric positive definite matrix in double
 * precision, by TensorFlow's Cholesky op (Eigen's blocked LLT), with the two triangular solves in
 * Java (they cost {@code O(n^2)}, the factorization {@code O(n^3)}).
 *
 * @param n the matrix order
 * @param lower row-major {@code n x n}; its lower triangle holds {@code L} (the upper triangle is
 *     zero)
 * @param jitter the multiple of a diagonal scale added before factorizing (0: none), recorded by
 *     callers that regularize a singular matrix: the largest diagonal element, or the mean one for
 *     {@link #inPlaceWithJitter}
 */
public record CholeskyFactor(int n, double[] lower, double jitter) {

  /** This factor, recorded as the factor of the matrix plus {@code jitter} times its largest diagonal. */
  public CholeskyFactor withJitter(double jitter) {
    return new CholeskyFactor(n, lower, jitter);
  }

  /**
   * Factorizes the row-major symmetric {@code n x n} matrix {@code a} (only its lower triangle is
   * read).
   *
   * @return the factor, or null when {@code a} is not (numerically) positive definite
   */
  public static CholeskyFactor of(double[] a, int n) {
    return inPlace(a.clone(), n);
  }

  /**
   * Factorizes the row-major symmetric {@code n x n} matrix {@code a} (only its lower triangle is
   * read) into {@code a} itself: on success {@code a} holds {@code L} (upper triangle zero) and is
   * the returned factor's {@link #lower}; on failure {@code a} is left as it was. For large orders
   * (a Newton system over thousands of features) this saves the {@code 8 n^2} bytes of a copy.
   *
   * @return the factor, or null when {@code a} is not (numerically) positive definite
   */
  public static CholeskyFactor inPlace(double[] a, int n) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException(a.length + " values for a " + n + " x " + n + " matrix");
    }
    if (n == 0) {
      return new CholeskyFactor(0, a, 0);
    }
    try (Graph graph = new Graph();
        Session s = TensorFlowRuntime.session(graph);
        TFloat64 m = TFloat64.tensorOf(Shape.of(n, n), DataBuffers.of(a, true, false))) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat64> in = tf.placeholder(TFloat64.class);
      var l = tf.linalg.cholesky(in);
      try (Result res = s.runner().feed(in, m).fetch(l).run()) {
        TFloat64 out = (TFloat64) res.get(0);
        for (int i = 0; i < n; i++) {
          double d = out.getDouble(i, i);
          if (!(d > 0) || !Double.isFinite(d)) {
            return null;
          }
        }
        out.copyTo(DataBuffers.of(a, false, false));
        return new CholeskyFactor(n, a, 0);
      } catch (TensorFlowException e) {
        // "Cholesky decomposition was not successful. The input might not be valid."
        return null;
      }
    }
  }

  /**
   * Factorizes {@code a + mu m I} in place, {@code m} the mean diagonal element of {@code a}, for the
   * first {@code mu} of {@code first, 100 first, 10^4 first, ...} below 1 that factorizes ({@code
   * first} 0: {@code a} itself, then {@code mu} from 1e-14). For a Newton or interior-point system
   * that is positive definite in exact arithmetic but may lose it to rounding; the factor records
   * {@code mu} as its {@link #jitter}. Between attempts only the diagonal of {@code a} is reset
   * ({@link #inPlace} leaves {@code a} as it was when it fails).
   *
   * @throws IllegalStateException when no {@code mu} below 1 factorizes
   */
  public static CholeskyFactor inPlaceWithJitter(double[] a, int n, double first) {
    double[] diag = new double[n];
    double trace = 0;
    for (int j = 0; j < n; j++) {
      diag[j] = a[j * n + j];
      trace += diag[j];
    }
    double scale = Math.max(trace / Math.max(n, 1), Double.MIN_NORMAL);
    for (double mu = first; mu < 1; mu = mu == 0 ? 1e-14 : mu * 100) {
      for (int j = 0; j < n; j++) {
        a[j * n + j] = diag[j] + mu * scale;
      }
      CholeskyFactor f = inPlace(a, n);
      if (f != null) {
        return f.withJitter(mu);
      }
    }
    throw new IllegalStateException("a " + n + " x " + n + " matrix not positive definite even with "
        + "1e-2 of its mean diagonal added");
  }

  /** Solves {@code A x = b} with the factor: {@code L y = b}, then {@code L^T x = y}. */
  public double[] solve(double[] b) {
    if (b.length != n) {
      throw new IllegalArgumentException(b.length + " values for a system of order " + n);
    }
    double[] y = b.clone();
    for (int i = 0; i < n; i++) {
      int row = i * n;
      double s = y[i];
      for (int k = 0; k < i; k++) {
        s -= lower[row + k] * y[k];
      }
      y[i] = s / lower[row + i];
    }
    // L^T x = y, by columns of L^T = rows of L, from the last.
    for (int i = n - 1; i >= 0; i--) {
      int row = i * n;
      double xi = y[i] / lower[row + i];
      y[i] = xi;
      for (int k = 0; k < i; k++) {
        y[k] -= lower[row + k] * xi;
      }
    }
    return y;
  }
}
