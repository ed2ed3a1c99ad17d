package org.afterkernel.kernel;

import org.afterkernel.linear.DenseMatrix;

/**
 * The original's normalisation before the linear model (PARITY.md §4): train and test features
 * are divided by Z = 1e-4 + the mean L2 norm of the training features, so the average norm is
 * about one. Kernels scale by 1/Z^2.
 */
public final class FeatureScale {
  /** The original's epsilon. */
  public static final double EPSILON = 1e-4;

  private FeatureScale() {}

  /** Z from training features (one row per example), norms accumulated in double. */
  public static double fromFeatures(DenseMatrix train) {
    double sum = 0;
    for (int i = 0; i < train.rows(); i++) {
      double sq = 0;
      int off = train.rowOffset(i);
      for (int j = 0; j < train.cols(); j++) {
        double v = train.data()[off + j];
        sq += v * v;
      }
      sum += Math.sqrt(sq);
    }
    return EPSILON + sum / train.rows();
  }

  /** Z from the training Gram matrix: the norms are the square roots of its diagonal. */
  public static double fromGram(DenseMatrix trainGram) {
    double sum = 0;
    for (int i = 0; i < trainGram.rows(); i++) {
      sum += Math.sqrt(Math.max(0, trainGram.get(i, i)));
    }
    return EPSILON + sum / trainGram.rows();
  }

  /** Divides every element of {@code m} by {@code divisor}, in place (feature matrices are large). */
  public static void divideInPlace(DenseMatrix m, double divisor) {
    float[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (d[i] / divisor);
    }
  }

}
