package org.afterkernel.linear;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.tf.SymmetricEigen;

/**
 * Kernel (ridge) regression in double precision: alpha = (K + ridge I)^+ y from the symmetric
 * eigendecomposition K = U diag(lambda) U^T (TensorFlow's SelfAdjointEigV2, as numpy's {@code
 * eigh}). With {@code ridge = 0} it is ridgeless: the minimum-norm least-squares solution, the
 * pseudo-inverse over the eigenvalues above {@code n * 1.19e-7 * max |lambda|} (numpy's {@code
 * lstsq} cutoff for the float32 Gram it is given: eigenvalues below it are rounding), so a singular Gram (more examples than parameters, repeated images) is handled;
 * the rank used is recorded. Predictions are {@code K(x, train) alpha}.
 *
 * @param ridge the ridge (0: ridgeless)
 * @param alpha the dual coefficients, one per training example
 * @param rank eigenvalues used (n with a ridge, unless K has eigenvalues at or below -ridge)
 * @param smallestEigenvalue the Gram's smallest eigenvalue
 * @param largestEigenvalue the Gram's largest eigenvalue
 */
public record KernelRegression(double ridge, double[] alpha, int rank, double smallestEigenvalue,
    double largestEigenvalue) {

  /** Fits targets {@code y} on the training Gram {@code gram}. */
  public static KernelRegression fit(DenseMatrix gram, double[] y, double ridge) {
    return fitAll(gram, List.of(y), ridge).get(0);
  }

  /**
   * Fits several target vectors (the columns of one-hot targets) on one Gram, sharing its
   * eigendecomposition: element {@code k} equals {@code fit(gram, ys.get(k), ridge)}.
   */
  public static List<KernelRegression> fitAll(DenseMatrix gram, List<double[]> ys, double ridge) {
    int n = gram.rows();
    for (double[] y : ys) {
      if (gram.cols() != n || y.length != n) {
        throw new IllegalArgumentException("a " + gram.shapeString() + " Gram with " + y.length
            + " targets: expected a square Gram with one target per row");
      }
    }
    if (!(ridge >= 0) || Double.isInfinite(ridge)) {
      throw new IllegalArgumentException("ridge is " + ridge + ", expected a number >= 0");
    }
    double[] k = new double[n * n];
    for (int i = 0; i < k.length; i++) {
      k[i] = gram.data()[i];
    }
    SymmetricEigen e = SymmetricEigen.of(k, n, true);
    double max = 0;
    for (double v : e.values()) {
      max = Math.max(max, Math.abs(v));
    }
    double cutoff = ridge == 0 ? n * (double) Math.ulp(1f) * max : 0;
    List<KernelRegression> out = new ArrayList<>();
    for (double[] y : ys) {
      double[] alpha = new double[n];
      int rank = 0;
      for (int j = 0; j < n; j++) {
        double shifted = e.values()[j] + ridge;
        if (!(shifted > cutoff)) {
          continue;
        }
        rank++;
        double c = 0;
        for (int i = 0; i < n; i++) {
          c += e.vector(i, j) * y[i];
        }
        c /= shifted;
        for (int i = 0; i < n; i++) {
          alpha[i] += c * e.vector(i, j);
        }
      }
      out.add(new KernelRegression(ridge, alpha, rank, e.values()[0], e.values()[n - 1]));
    }
    return out;
  }

  /** Predictions {@code K(x, train) alpha} for the rows of {@code cross} (one column per training example). */
  public double[] predict(DenseMatrix cross) {
    if (cross.cols() != alpha.length) {
      throw new IllegalArgumentException("a " + cross.shapeString() + " cross kernel for " + alpha.length
          + " training examples");
    }
    double[] out = new double[cross.rows()];
    for (int i = 0; i < out.length; i++) {
      double s = 0;
      int off = cross.rowOffset(i);
      for (int j = 0; j < alpha.length; j++) {
        s += cross.data()[off + j] * alpha[j];
      }
      out[i] = s;
    }
    return out;
  }
}
