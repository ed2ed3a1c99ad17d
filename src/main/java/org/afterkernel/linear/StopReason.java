package org.afterkernel.linear;

/** Why a solver stopped; recorded in every {@link Solution}. */
public enum StopReason {
  /** The iteration count of the {@link StopRule} was reached (also the guard of the other rules). */
  ITERATIONS,
  /** The wall-clock budget was spent (the original script's {@code svm_time_limit}). */
  TIME_LIMIT,
  /** The normalised margin changed by less than the tolerance over one window of iterations. */
  CONVERGED,
  /** The normalised margin reached the target of the rule. */
  TARGET_MARGIN
}
