package org.afterkernel.linear;

/** Why a solver stopped; recorded in every {@link Solution}. */
public enum StopReason {
  /** The iteration count of the {@link StopRule} was reached (also the guard of the other rules). */
  ITERATIONS,
  /** The wall-clock budget was spent (the original script's {@code svm_time_limit}). */
  TIME_LIMIT,
  /** The normalised margin changed by at most the tolerance since half as many iterations. */
  CONVERGED,
  /** The solver certified its iterate: optimality residual at most the rule's KKT tolerance. */
  KKT,
  /**
   * The exact solver proved the training set not linearly separable (through the origin): no
   * hard-margin SVM exists, and the result is the documented estimator ({@link Certificate}).
   */
  NOT_SEPARABLE,
  /** The normalised margin reached the target of the rule. */
  TARGET_MARGIN,
  /**
   * Dual form only: the rounding of the float Gram matrix, amplified by the size of the dual
   * coefficients, reached 1% of the smallest margin, so further iterates would not be those of the
   * primal. Happens on data that is not linearly separable, where the coefficients grow without
   * bound along the null space of {@code Z^T}; the primal form has no such limit.
   */
  PRECISION_LIMIT
}
