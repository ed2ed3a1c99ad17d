package org.afterkernel.linear;

/**
 * How far the float storage of a Gram matrix can move the dual form's margins away from the
 * primal's. Each stored {@code K_ij} is off by up to half a float ulp (relative {@code 2^-24}), so
 * the signed margins {@code (S K S a)_i} carry an error of typical size {@code 2^-24 max|K_ij|
 * ||a||_2} (independent roundings add up in quadrature), and the normalised margins that error
 * divided by {@code ||w||}. While the data is separable {@code ||w||} grows with {@code ||a||} and
 * this stays negligible; on data that is not separable the dual coefficients grow like {@code t^2}
 * along the null space of {@code Z^T} while {@code ||w||} does not, and after enough iterations the
 * rounding dominates. {@link Jst1} and {@link Jst2} stop when the normalised-margin error reaches
 * {@link #TOLERANCE} of the largest example norm {@code sqrt(max K_ii)} ({@link
 * StopReason#PRECISION_LIMIT}) rather than report margins the primal would not have.
 */
final class GramRounding {
  /** Relative rounding of a float. */
  static final double FLOAT_ROUNDING = Math.scalb(1.0, -24);
  /** Tolerated normalised-margin error, relative to the largest example norm. */
  static final double TOLERANCE = 1e-4;

  private final double maxAbs;

  GramRounding(DenseMatrix k) {
    double m = 0;
    for (float v : k.data()) {
      m = Math.max(m, Math.abs(v));
    }
    this.maxAbs = m;
  }

  /** True when the dual coefficients {@code a} of weight norm {@code ||w||} are past the limit. */
  boolean exceeded(double[] a, double weightNorm) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    double marginError = FLOAT_ROUNDING * maxAbs * Math.sqrt(s);
    // For a PSD matrix max|K_ij| = max K_ii, the squared norm of the longest example.
    return marginError > TOLERANCE * Math.sqrt(maxAbs) * weightNorm;
  }
}
