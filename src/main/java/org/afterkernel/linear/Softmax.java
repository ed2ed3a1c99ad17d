package org.afterkernel.linear;

/**
 * The weights {@code q = softmax(-Zw)} of the logsumexp loss {@code log sum_i exp(-z_i . w)},
 * computed stably: the largest exponent is subtracted before exponentiating, and all sums are in
 * double, so margins of any size give finite weights (the largest weight is at least {@code 1/n}).
 */
final class Softmax {
  private Softmax() {}

  /**
   * Writes {@code q_i = exp(-m_i) / sum_j exp(-m_j)} for the signed margins {@code m} and returns
   * the loss {@code log sum_j exp(-m_j)}.
   */
  static double ofNegated(double[] m, double[] q) {
    double lowest = Double.POSITIVE_INFINITY;
    for (double v : m) {
      lowest = Math.min(lowest, v);
    }
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      double e = Math.exp(lowest - m[i]);
      q[i] = e;
      sum += e;
    }
    double inverse = 1.0 / sum;
    for (int i = 0; i < q.length; i++) {
      q[i] *= inverse;
    }
    return -lowest + Math.log(sum);
  }

  /**
   * The original Algorithm 2's sampling weights: {@code q_i} proportional to {@code
   * exp(clip(-m_i, -c, c))}. With the exponent clipped to {@code +-c} no shift is needed.
   */
  static void ofNegatedClipped(double[] m, double clip, double[] q) {
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      double e = Math.exp(Math.max(-clip, Math.min(clip, -m[i])));
      q[i] = e;
      sum += e;
    }
    double inverse = 1.0 / sum;
    for (int i = 0; i < q.length; i++) {
      q[i] *= inverse;
    }
  }
}
