package org.afterkernel.experiment;

/**
 * Mean and half-width of a quantity over runs, as the original: half-width = sample standard
 * deviation (n - 1) / sqrt(n); undefined (null) for a single run, where the script leaves the TSV
 * field empty. Computed in two passes in double precision (the script's sum-of-squares formula
 * gives the same value up to rounding, clamped at 0 as here).
 *
 * @param n number of runs with a value
 * @param mean the mean
 * @param halfWidth stddev / sqrt(n), or null when n = 1
 */
public record Statistics(int n, double mean, Double halfWidth) {

  /** The statistics of {@code values} (at least one). */
  public static Statistics of(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new Statistics(1, mean, null);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double stddev = Math.sqrt(Math.max(0, ss / (n - 1)));
    return new Statistics(n, mean, stddev / Math.sqrt(n));
  }
}
