package org.afterkernel.linear;

import java.util.Random;

/** Small random problems for the solver tests, and their Gram matrices computed independently. */
final class TestProblems {
  private TestProblems() {}

  /** A feature matrix and labels. */
  record Problem(DenseMatrix x, Labels labels) {
    TrainingSet.Features features() {
      return new TrainingSet.Features(x, labels);
    }

    TrainingSet.Gram gram() {
      return new TrainingSet.Gram(TestProblems.gram(x, x), labels);
    }
  }

  /** Gaussian features of {@code n x p}, scaled by {@code scale}. */
  static DenseMatrix gaussian(int n, int p, double scale, Random rnd) {
    float[] d = new float[n * p];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (scale * rnd.nextGaussian());
    }
    return new DenseMatrix(n, p, d);
  }

  /** Divides every row by the mean row norm, as the experiment normalises features. */
  static DenseMatrix normalised(DenseMatrix x) {
    double total = 0;
    for (int i = 0; i < x.rows(); i++) {
      double s = 0;
      for (int j = 0; j < x.cols(); j++) {
        s += (double) x.get(i, j) * x.get(i, j);
      }
      total += Math.sqrt(s);
    }
    double z = total / x.rows();
    float[] d = new float[x.data().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (x.data()[i] / z);
    }
    return new DenseMatrix(x.rows(), x.cols(), d);
  }

  /**
   * A linearly separable problem: labels by the sign of a planted direction, examples closer than
   * {@code gap} (relative to their norm) to its hyperplane redrawn.
   */
  static Problem separable(int n, int p, double gap, long seed) {
    Random rnd = new Random(seed);
    double[] direction = new double[p];
    double norm = 0;
    for (int j = 0; j < p; j++) {
      direction[j] = rnd.nextGaussian();
      norm += direction[j] * direction[j];
    }
    norm = Math.sqrt(norm);
    float[] d = new float[n * p];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      while (true) {
        double dot = 0;
        double rowNorm = 0;
        for (int j = 0; j < p; j++) {
          d[i * p + j] = (float) rnd.nextGaussian();
          dot += d[i * p + j] * direction[j];
          rowNorm += (double) d[i * p + j] * d[i * p + j];
        }
        if (Math.abs(dot) / norm >= gap * Math.sqrt(rowNorm)) {
          y[i] = dot > 0 ? 1 : 0;
          break;
        }
      }
    }
    return new Problem(normalised(new DenseMatrix(n, p, d)), Labels.of(y));
  }

  /** Random features with labels independent of them (separable only when p >= n). */
  static Problem randomLabels(int n, int p, long seed) {
    Random rnd = new Random(seed);
    DenseMatrix x = normalised(gaussian(n, p, 1, rnd));
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < 2 ? i : rnd.nextInt(2);
    }
    return new Problem(x, Labels.of(y));
  }

  /**
   * Random features whose products are exact in float: small integers times a power of two (row
   * norms about 1), labelled by the side of a random hyperplane (so separable). Their
   * Gram matrix has no rounding at all, so the primal and the dual form see exactly the same
   * problem and any difference between their iterates comes from the order of double sums.
   */
  static Problem dyadic(int n, int p, long seed) {
    Random rnd = new Random(seed);
    float scale = (float) Math.scalb(1.0, -Math.round((float) (0.5 * Math.log(4.0 * p) / Math.log(2))));
    float[] d = new float[n * p];
    for (int i = 0; i < d.length; i++) {
      d[i] = (rnd.nextInt(7) - 3) * scale;
    }
    double[] direction = rnd.doubles(p, -1, 1).toArray();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double dot = 0;
      for (int j = 0; j < p; j++) {
        dot += d[i * p + j] * direction[j];
      }
      y[i] = dot > 0 ? 1 : 0;
    }
    return new Problem(new DenseMatrix(n, p, d), Labels.of(y));
  }

  /** Dyadic test features of the same scale as {@link #dyadic}. */
  static DenseMatrix dyadicFeatures(int m, int p, long seed) {
    return dyadic(m, p, seed).x();
  }

  /** {@code A B^T} accumulated in double, then rounded to float. */
  static DenseMatrix gram(DenseMatrix a, DenseMatrix b) {
    float[] d = new float[a.rows() * b.rows()];
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < b.rows(); j++) {
        double s = 0;
        for (int k = 0; k < a.cols(); k++) {
          s += (double) a.get(i, k) * b.get(j, k);
        }
        d[i * b.rows() + j] = (float) s;
      }
    }
    return new DenseMatrix(a.rows(), b.rows(), d);
  }
}
