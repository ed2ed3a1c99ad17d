package org.afterkernel.linear;

/**
 * A linear classifier {@code x -> w . x} found by a solver, held as the weight vector (primal
 * form) or as dual coefficients over the training examples (dual form, where {@code w} is never
 * formed). Class 1 is predicted where the decision value is {@code > 0}, as in the original script.
 */
public sealed interface LinearModel permits LinearModel.Primal, LinearModel.Dual {

  /**
   * Decision values {@code w . x} of examples: for a primal model, rows of an {@code m x p} feature
   * matrix; for a dual model, rows of the {@code m x n} cross-kernel {@code K(test, train)}.
   *
   * @throws IllegalArgumentException when the matrix does not have the model's width
   */
  double[] decisionValues(DenseMatrix examples);

  /** The Euclidean norm of {@code w}. */
  double weightNorm();

  /** Columns an example matrix must have: features {@code p}, or training examples {@code n}. */
  int width();

  /** Predicted classes (1 where the decision value is {@code > 0}, else 0). */
  default int[] predict(DenseMatrix examples) {
    double[] v = decisionValues(examples);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] > 0 ? 1 : 0;
    }
    return out;
  }

  /** Checks that {@code examples} has this model's width. */
  default void checkWidth(DenseMatrix examples) {
    if (examples.cols() != width()) {
      throw new IllegalArgumentException(
          "examples are " + examples.shapeString() + " but the model needs " + width()
              + " columns" + (this instanceof Dual ? " (one per training example)" : " (features)"));
    }
  }

  /**
   * A weight vector over features.
   *
   * @param weights {@code w}, one entry per feature
   */
  record Primal(double[] weights) implements LinearModel {
    @Override
    public double[] decisionValues(DenseMatrix examples) {
      checkWidth(examples);
      double[] out = new double[examples.rows()];
      MatVec.multiply(examples, weights, out);
      return out;
    }

    @Override
    public double weightNorm() {
      double s = 0;
      for (double v : weights) {
        s += v * v;
      }
      return Math.sqrt(s);
    }

    @Override
    public int width() {
      return weights.length;
    }
  }

  /**
   * Dual coefficients: {@code w = sum_i a_i s_i x_i} over the training examples, where {@code s_i}
   * is the sign of example {@code i}'s label. The norm of {@code w} needs the training Gram matrix,
   * so it is computed by the solver and kept here.
   *
   * @param coefficients {@code a_i}, one per training example (the coordinates of {@code w} in the
   *     signed examples {@code z_i = s_i x_i})
   * @param signs {@code s_i}, one per training example
   * @param weightNorm {@code ||w|| = sqrt(a^T S K S a)}
   */
  record Dual(double[] coefficients, double[] signs, double weightNorm) implements LinearModel {
    public Dual {
      if (coefficients.length != signs.length) {
        throw new IllegalArgumentException(
            coefficients.length + " coefficients but " + signs.length + " signs");
      }
    }

    /** The coefficients of the unsigned examples: {@code w = sum_i c_i x_i}, {@code c_i = a_i s_i}. */
    public double[] signedCoefficients() {
      double[] c = new double[coefficients.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = coefficients[i] * signs[i];
      }
      return c;
    }

    @Override
    public double[] decisionValues(DenseMatrix examples) {
      checkWidth(examples);
      double[] out = new double[examples.rows()];
      MatVec.multiply(examples, signedCoefficients(), out);
      return out;
    }

    @Override
    public int width() {
      return coefficients.length;
    }
  }
}
