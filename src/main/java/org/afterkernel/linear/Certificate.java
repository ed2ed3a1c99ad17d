package org.afterkernel.linear;

import java.util.Locale;

/**
 * How far a max-margin answer is from the hard-margin SVM, in numbers a reader can check. For
 * training examples {@code z_i = s_i x_i} and a classifier {@code w = sum_i a_i z_i} with {@code a
 * >= 0} (every solver here keeps such coefficients, in the dual or alongside the primal), the
 * functional margins are {@code m_i = z_i . w} and
 *
 * <ul>
 *   <li>{@code margin = min_i m_i / ||w||} is a lower bound of the maximum margin (the margin this
 *       {@code w} achieves);
 *   <li>{@code marginUpperBound = ||w|| / sum_i a_i} is an upper bound of it: the maximum margin is
 *       the distance from the origin to the convex hull of the {@code z_i}, and {@code w / sum_i
 *       a_i} is a point of that hull;
 *   <li>{@code dualityGap = 1 - margin / marginUpperBound}: the answer's margin is within this
 *       fraction of the maximum margin (0 at the hard-margin SVM);
 *   <li>{@code kktResidual}: the largest violation of the optimality (KKT) conditions of the
 *       hard-margin dual {@code min 1/2 a'Qa - 1'a, a >= 0} ({@code Q_ij = z_i . z_j}), in units of
 *       the functional margin: {@code |m_i - 1|} where {@code a_i > 0}, {@code max(0, 1 - m_i)} where
 *       {@code a_i = 0}, with {@code a} first scaled so that {@code min_i m_i = 1} when it is not
 *       already the exact solver's. It is 0 exactly at the hard-margin SVM; Algorithm 1 of Ji,
 *       Srebro and Telgarsky keeps every {@code a_i > 0}, so its residual stays large even when its
 *       margin is close (read its {@code dualityGap}).
 * </ul>
 *
 * {@code separable} is {@code true} when some {@code w} gives every training example a positive
 * functional margin (this one does), {@code false} when the solver proved that none exists (a point
 * of the hull within {@link #NOT_SEPARABLE_TOLERANCE} of the largest example norm from the
 * origin), and null when it stopped before deciding.
 *
 * @param separable whether the training set is linearly separable through the origin (null:
 *     undecided)
 * @param kktResidual the KKT residual (NaN when the solver keeps no coefficients)
 * @param dualityGap {@code 1 - margin / marginUpperBound} (NaN without coefficients)
 * @param marginUpperBound {@code ||w|| / sum_i a_i} (NaN without coefficients)
 * @param supportVectors examples with {@code a_i > 0} (for first-order solvers: with at least
 *     {@code 1e-9} of the total weight)
 * @param rounds the exact solver's active-set rounds, or the iterations of an iterative solver
 * @param note one line on how the answer was obtained when it is not the hard-margin SVM
 */
public record Certificate(
    Boolean separable,
    double kktResidual,
    double dualityGap,
    double marginUpperBound,
    int supportVectors,
    long rounds,
    String note) {

  /** A hull point this close to the origin (relative to the largest example norm) proves non-separability. */
  public static final double NOT_SEPARABLE_TOLERANCE = 1e-7;

  /** A certificate for a solver that keeps no coefficients: only the sign of the margin is known. */
  public static Certificate primalOnly(double margin, long iterations) {
    return new Certificate(margin > 0 ? Boolean.TRUE : null, Double.NaN, Double.NaN, Double.NaN, -1, iterations,
        null);
  }

  /**
   * The certificate of coefficients {@code a >= 0} whose functional margins are {@code m} and whose
   * classifier has norm {@code weightNorm}.
   *
   * @param scaled true when {@code a} is the exact solver's (no rescaling before the KKT residual)
   */
  public static Certificate of(double[] a, double[] m, double weightNorm, boolean scaled, long rounds) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < a.length; i++) {
      sum += a[i];
      min = Math.min(min, m[i]);
    }
    double scale = scaled || !(min > 0) ? 1 : 1 / min;
    double residual = 0;
    int support = 0;
    double threshold = scaled ? 0 : 1e-9 * sum;
    for (int i = 0; i < a.length; i++) {
      double mi = m[i] * scale;
      if (a[i] > threshold) {
        support++;
      }
      double v = a[i] > 0 ? Math.abs(mi - 1) : Math.max(0, 1 - mi);
      residual = Math.max(residual, v);
    }
    double margin = weightNorm > 0 ? min / weightNorm : Double.NaN;
    double upper = sum > 0 ? weightNorm / sum : Double.NaN;
    double gap = upper > 0 ? 1 - margin / upper : Double.NaN;
    return new Certificate(min > 0 ? Boolean.TRUE : null, residual, gap, upper, support, rounds, null);
  }

  /** This certificate with {@code separable} and the note replaced. */
  public Certificate with(Boolean separable, String note) {
    return new Certificate(separable, kktResidual, dualityGap, marginUpperBound, supportVectors, rounds, note);
  }

  /** One line for the command's output. */
  public String describe() {
    String s = String.format(Locale.ROOT, "separable %s, KKT residual %.3g, duality gap %.3g, %d support vectors, %d rounds",
        separable == null ? "undecided" : separable.toString(), kktResidual, dualityGap, supportVectors, rounds);
    return note == null ? s : s + "; " + note;
  }
}
