package org.afterkernel.invariance;

/** Number formatting for descriptions. */
final class Numbers {
  private Numbers() {}

  /** {@code 1} for 1.0, {@code 0.25} for 0.25, otherwise the shortest repr of the double. */
  static String compact(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
