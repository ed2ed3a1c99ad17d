package org.afterkernel.track;

import org.afterkernel.kernel.KernelStats;
import org.afterkernel.linear.DenseMatrix;

/**
 * What one record measures of the kernel K_t on the probe set, in double precision.
 *
 * @param norm Frobenius norm ||K_t||_F
 * @param trace trace of K_t
 * @param effectiveRank trace / largest eigenvalue
 * @param targetAlignment y^T K_t y / (||K_t||_F ||y||^2), y = +-1
 * @param relativeChange ||K_t - K_prev||_F / ||K_prev||_F against the previous record (null at the
 *     first)
 */
public record KernelRecord(double norm, double trace, double effectiveRank, double targetAlignment,
    Double relativeChange) {

  /** Measures {@code k} on probe labels {@code labels}, against the previous record's kernel (or null). */
  public static KernelRecord of(DenseMatrix k, int[] labels, DenseMatrix previous) {
    double trace = 0;
    for (int i = 0; i < k.rows(); i++) {
      trace += k.get(i, i);
    }
    return new KernelRecord(frobenius(k, null), trace, KernelStats.effectiveRank(k),
        KernelStats.targetAlignment(k, labels),
        previous == null ? null : frobenius(k, previous) / frobenius(previous, null));
  }

  /** ||a - b||_F (||a||_F when b is null). */
  static double frobenius(DenseMatrix a, DenseMatrix b) {
    float[] x = a.data();
    float[] y = b == null ? null : b.data();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = y == null ? x[i] : (double) x[i] - y[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
