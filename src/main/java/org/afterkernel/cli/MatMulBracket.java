package org.afterkernel.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.afterkernel.tf.MatMulRate;

/**
 * TensorFlow's MatMul rate measured before and after a benchmark, so that the benchmark's own
 * rate is reported against the machine as it was during the run. The reference is the better of
 * the two medians (a background load during one of them must not flatter the benchmark).
 */
final class MatMulBracket {
  private final double seconds;
  private final MatMulRate.Rate before;
  private MatMulRate.Rate after;

  private MatMulBracket(double seconds) {
    this.seconds = seconds;
    this.before = MatMulRate.measure(2048, seconds / 2);
  }

  /** Measures the "before" rate over {@code seconds / 2}. */
  static MatMulBracket start(double seconds) {
    return new MatMulBracket(seconds);
  }

  /** Measures the "after" rate; returns the reference GFLOP/s. */
  double finish() {
    after = MatMulRate.measure(2048, seconds / 2);
    return gflops();
  }

  /** The reference GFLOP/s (after {@link #finish}). */
  double gflops() {
    return Math.max(before.medianGflops(), after.medianGflops());
  }

  /** Prints the reference line with the given label width. */
  void print(PrintWriter o, String label) {
    o.printf(Locale.ROOT, "%s%.1f GFLOP/s (median; before %.1f, after %.1f)%n", label, gflops(),
        before.medianGflops(), after.medianGflops());
  }
}
