package org.afterkernel.linear;

/**
 * How closely two predictors agree on the same points (the silent-alignment paper's figure 1b-c:
 * a kernel regressor against the network).
 *
 * @param pearson Pearson correlation of the two outputs
 * @param signAgreement fraction of points where their signs agree (0 counts as positive)
 * @param meanSquaredDifference mean of (a - b)^2
 */
public record Agreement(double pearson, double signAgreement, double meanSquaredDifference) {

  /** The agreement of {@code a} and {@code b} (same length, at least 2 points). */
  public static Agreement of(double[] a, double[] b) {
    if (a.length != b.length || a.length < 2) {
      throw new IllegalArgumentException(a.length + " and " + b.length + " outputs: expected two equal lengths >= 2");
    }
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i] / n;
      mb += b[i] / n;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    double msd = 0;
    int same = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
      msd += (a[i] - b[i]) * (a[i] - b[i]) / n;
      same += (a[i] >= 0) == (b[i] >= 0) ? 1 : 0;
    }
    return new Agreement(sab / Math.sqrt(saa * sbb), (double) same / n, msd);
  }

  /** Fraction of {@code predictions} whose sign differs from the +-1 {@code targets}. */
  public static double signError(double[] predictions, double[] targets) {
    int wrong = 0;
    for (int i = 0; i < predictions.length; i++) {
      wrong += (predictions[i] >= 0) != (targets[i] > 0) ? 1 : 0;
    }
    return (double) wrong / predictions.length;
  }

  /** Mean of (prediction - target)^2. */
  public static double meanSquaredError(double[] predictions, double[] targets) {
    double s = 0;
    for (int i = 0; i < predictions.length; i++) {
      s += (predictions[i] - targets[i]) * (predictions[i] - targets[i]);
    }
    return s / predictions.length;
  }
}
