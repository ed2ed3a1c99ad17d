package org.afterkernel.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import org.afterkernel.experiment.Statistics;

/**
 * The one rule by which REPLICATION.md judges a claim, from the per-run paired differences of a
 * {@link PairedComparison}. With n runs, mean m and half-width h (sample standard deviation /
 * sqrt(n): the paper's error bars and {@link Statistics}'), threshold t and the claimed direction
 * (below or above t):
 *
 * <ul>
 *   <li>n &ge; {@value #MIN_RUNS}: <b>reproduced</b> when m lies beyond t in the claimed direction by
 *       more than {@value #WIDTHS} h; <b>not reproduced</b> when it lies beyond t in the opposite
 *       direction by more than {@value #WIDTHS} h; otherwise <b>inconclusive</b>;
 *   <li>1 or 2 runs: <b>consistent (n run[s])</b> when m lies beyond t in the claimed direction,
 *       <b>contrary (n run[s])</b> when in the opposite one, <b>inconclusive</b> when m = t (no
 *       run-to-run spread to judge by);
 *   <li>no run with both cells: <b>not measured</b>.
 * </ul>
 *
 * With zero spread (h = 0), any difference beyond t counts. For n = 3 the margin of 2 h is a t
 * statistic of 2 with 2 degrees of freedom: a one-sided p of 0.092 (exactly 1/2 - 1/sqrt(6)).
 *
 * @param label the verdict: one of the words above
 * @param n the runs with both cells
 * @param mean the mean difference (NaN when n = 0)
 * @param halfWidth the half-width, or null when n &lt; 2
 */
public record Verdict(String label, int n, double mean, Double halfWidth) {
  /** Runs needed for "reproduced" or "not reproduced". */
  public static final int MIN_RUNS = 3;
  /** The margin, in half-widths. */
  public static final double WIDTHS = 2;

  /**
   * The verdict on {@code differences} (one per run) for a claim that they lie below ({@code
   * direction} -1) or above (+1) {@code threshold}.
   */
  public static Verdict of(double[] differences, int direction, double threshold) {
    if (direction != -1 && direction != 1) {
      throw new IllegalArgumentException("direction must be -1 or 1, got " + direction);
    }
    int n = differences.length;
    if (n == 0) {
      return new Verdict("not measured", 0, Double.NaN, null);
    }
    Statistics s = Statistics.of(differences);
    double beyond = direction * (s.mean() - threshold);
    String label;
    if (n < MIN_RUNS) {
      String runs = n == 1 ? "(1 run)" : "(" + n + " runs)";
      label = beyond > 0 ? "consistent " + runs : beyond < 0 ? "contrary " + runs : "inconclusive";
    } else if (beyond > WIDTHS * s.halfWidth()) {
      label = "reproduced";
    } else if (-beyond > WIDTHS * s.halfWidth()) {
      label = "not reproduced";
    } else {
      label = "inconclusive";
    }
    return new Verdict(label, n, s.mean(), s.halfWidth());
  }

  /**
   * The verdict with its evidence, as REPLICATION.md quotes it: {@code reproduced [n=3: -0.0067 ±
   * 0.00037]}, {@code consistent (1 run) [n=1: -0.0025]}, {@code not measured [n=0]}.
   */
  public String token() {
    if (n == 0) {
      return label + " [n=0]";
    }
    return label + " [n=" + n + ": " + number(mean, 3) + (halfWidth == null ? "" : " ± " + number(halfWidth, 2)) + "]";
  }

  /**
   * {@code x} to {@code digits} significant digits, without trailing zeros; below 1e-4 in size in
   * scientific notation.
   */
  public static String number(double x, int digits) {
    if (x == 0) {
      return "0";
    }
    if (Math.abs(x) < 1e-4) {
      return String.format(Locale.ROOT, "%." + (digits - 1) + "e", x);
    }
    return BigDecimal.valueOf(x).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros()
        .toPlainString();
  }
}
