package org.afterkernel.linear;

/**
 * The normalised training margin {@code min_i s_i x_i . w / ||w||}, exactly as the original
 * script's {@code margin()} defines it: 0 when {@code ||w|| < 1e-4} (in the units of the features,
 * which the experiment normalises to mean norm about 1). Negative when some training example is
 * misclassified, in particular on data that is not linearly separable.
 */
public final class Margins {
  /** Below this weight norm the margin is reported as 0 (the original's EPSILON). */
  public static final double MIN_WEIGHT_NORM = 1e-4;

  private Margins() {}

  /**
   * The margin from the signed decision values {@code s_i x_i . w} of the training examples and
   * {@code ||w||}.
   */
  public static double fromSignedValues(double[] signedValues, double weightNorm) {
    if (weightNorm < MIN_WEIGHT_NORM) { // a NaN norm falls through and shows as a NaN margin
      return 0.0;
    }
    double min = Double.POSITIVE_INFINITY;
    for (double v : signedValues) {
      min = Math.min(min, v);
    }
    return min / weightNorm;
  }

  /**
   * The training margin of {@code model} on {@code data}, computed from scratch (one pass over the
   * features or the Gram matrix). Primal models need features, dual models a Gram matrix.
   *
   * @throws IllegalArgumentException when the model's form does not match the data's
   */
  public static double of(LinearModel model, TrainingSet data) {
    Labels labels = data.labels();
    double[] values;
    double norm;
    if (model instanceof LinearModel.Primal p && data instanceof TrainingSet.Features f) {
      values = p.decisionValues(f.x());
      norm = p.weightNorm();
    } else if (model instanceof LinearModel.Dual d && data instanceof TrainingSet.Gram g) {
      values = d.decisionValues(g.k());
      double normSquared = 0;
      double[] a = d.coefficients();
      for (int i = 0; i < a.length; i++) {
        normSquared += a[i] * labels.sign(i) * values[i];
      }
      norm = Math.sqrt(Math.max(0, normSquared));
    } else {
      throw new IllegalArgumentException(
          "a " + (model instanceof LinearModel.Primal ? "primal" : "dual")
              + " model needs training data in the same form, got " + data.form());
    }
    for (int i = 0; i < values.length; i++) {
      values[i] *= labels.sign(i);
    }
    return fromSignedValues(values, norm);
  }
}
