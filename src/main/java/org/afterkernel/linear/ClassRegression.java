package org.afterkernel.linear;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel regression of one-hot class targets ({@link KernelRegression} in double precision), with
 * either a scalar kernel shared by every class (the kernel K ⊗ I of an infinitely wide network, or
 * of a one-output network: one regression per one-hot column on one eigendecomposition) or a
 * C-output network's full kernel (rows and columns ordered (example, class): one regression of the
 * flattened targets). The predicted class is the largest of the C predictions.
 *
 * @param classes C
 * @param trainPredictions row-major {@code [n_train, C]}
 * @param testPredictions row-major {@code [n_test, C]}
 * @param rank eigenvalues used
 * @param smallestEigenvalue the training Gram's smallest eigenvalue
 * @param largestEigenvalue the training Gram's largest eigenvalue
 */
public record ClassRegression(int classes, double[] trainPredictions, double[] testPredictions, int rank,
    double smallestEigenvalue, double largestEigenvalue) {

  /**
   * One-hot regression with a scalar kernel: {@code gram} is {@code [n, n]}, {@code cross} {@code
   * [m, n]}.
   */
  public static ClassRegression withScalarKernel(DenseMatrix gram, DenseMatrix cross, int[] labels, int classes,
      double ridge) {
    int n = labels.length;
    double[] y = oneHot(labels, classes);
    List<double[]> columns = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = y[i * classes + c];
      }
      columns.add(col);
    }
    List<KernelRegression> fits = KernelRegression.fitAll(gram, columns, ridge);
    double[] train = interleave(fits, gram);
    double[] test = interleave(fits, cross);
    KernelRegression f = fits.get(0);
    return new ClassRegression(classes, train, test, f.rank(), f.smallestEigenvalue(), f.largestEigenvalue());
  }

  /**
   * One-hot regression with a full C-output kernel: {@code gram} is {@code [n C, n C]} and {@code
   * cross} {@code [m C, n C]}, rows and columns ordered (example, class).
   */
  public static ClassRegression withFullKernel(DenseMatrix gram, DenseMatrix cross, int[] labels, int classes,
      double ridge) {
    if (gram.rows() != (long) labels.length * classes) {
      throw new IllegalArgumentException("a " + gram.shapeString() + " full kernel for " + labels.length
          + " examples of " + classes + " classes: expected " + labels.length * classes + " rows");
    }
    KernelRegression f = KernelRegression.fit(gram, oneHot(labels, classes), ridge);
    return new ClassRegression(classes, f.predict(gram), f.predict(cross), f.rank(), f.smallestEigenvalue(),
        f.largestEigenvalue());
  }

  /** Row-major one-hot targets {@code [n, C]}. */
  public static double[] oneHot(int[] labels, int classes) {
    double[] y = new double[Math.multiplyExact(labels.length, classes)];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + labels[i] + " is outside 0.." + (classes - 1));
      }
      y[i * classes + labels[i]] = 1;
    }
    return y;
  }

  /** Fraction of rows of {@code predictions} ({@code [n, C]}) whose largest entry is not the label. */
  public static double error(double[] predictions, int classes, int[] labels) {
    int wrong = 0;
    for (int i = 0; i < labels.length; i++) {
      wrong += argmax(predictions, i * classes, classes) != labels[i] ? 1 : 0;
    }
    return (double) wrong / labels.length;
  }

  /** Fraction of rows where {@code a} and {@code b} ({@code [n, C]} each) pick the same class. */
  public static double classAgreement(double[] a, double[] b, int classes) {
    int n = a.length / classes;
    int same = 0;
    for (int i = 0; i < n; i++) {
      same += argmax(a, i * classes, classes) == argmax(b, i * classes, classes) ? 1 : 0;
    }
    return (double) same / n;
  }

  /** Row-wise softmax of {@code logits} ({@code [n, C]}), shifted by each row's maximum. */
  public static double[] softmaxRows(double[] logits, int classes) {
    double[] p = new double[logits.length];
    for (int i = 0; i < logits.length / classes; i++) {
      int o = i * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[o + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        p[o + c] = Math.exp(logits[o + c] - max);
        sum += p[o + c];
      }
      for (int c = 0; c < classes; c++) {
        p[o + c] /= sum;
      }
    }
    return p;
  }

  /** The index of the largest of {@code v[offset, offset + count)}, the first of ties. */
  public static int argmax(double[] v, int offset, int count) {
    int best = 0;
    for (int c = 1; c < count; c++) {
      if (v[offset + c] > v[offset + best]) {
        best = c;
      }
    }
    return best;
  }

  private static double[] interleave(List<KernelRegression> fits, DenseMatrix k) {
    int classes = fits.size();
    double[] out = new double[Math.multiplyExact(k.rows(), classes)];
    for (int c = 0; c < classes; c++) {
      double[] p = fits.get(c).predict(k);
      for (int i = 0; i < p.length; i++) {
        out[i * classes + c] = p[i];
      }
    }
    return out;
  }
}
