package org.afterkernel.linear;

/**
 * A fitted max-margin classifier evaluated as the original script reports it: the test error
 * (predicting class 1 where {@code w . x > 0}) and the normalised training margin, with how the
 * solver ran.
 *
 * @param solver solver name
 * @param form {@code primal} or {@code dual}
 * @param testError fraction of test examples misclassified
 * @param testExamples number of test examples
 * @param trainingMargin {@code min_i s_i x_i . w / ||w||} on the training set
 * @param weightNorm {@code ||w||}
 * @param iterations iterations (LIBLINEAR: fits) done
 * @param seconds wall-clock time of the solve
 * @param stopReason which criterion ended the solve
 * @param certificate separability, KKT residual, duality gap, support vectors and rounds (written
 *     flat into the JSON object, beside the fields above)
 */
public record SvmEvaluation(
    String solver,
    String form,
    double testError,
    int testExamples,
    double trainingMargin,
    double weightNorm,
    long iterations,
    double seconds,
    StopReason stopReason,
    @com.fasterxml.jackson.annotation.JsonUnwrapped Certificate certificate) {

  /**
   * Evaluates {@code solution} on test examples: features ({@code m x p}) for a primal model, the
   * cross-kernel {@code K(test, train)} ({@code m x n}) for a dual one.
   *
   * @throws IllegalArgumentException when the shapes do not fit the model or the labels
   */
  public static SvmEvaluation of(Solution solution, DenseMatrix test, Labels testLabels) {
    if (test.rows() != testLabels.size()) {
      throw new IllegalArgumentException(
          "test examples are " + test.shapeString() + " but there are " + testLabels.size() + " test labels");
    }
    int[] predicted = solution.model().predict(test);
    double error = error(predicted, testLabels);
    return new SvmEvaluation(
        solution.solver(),
        solution.form(),
        error,
        predicted.length,
        solution.trainingMargin(),
        solution.model().weightNorm(),
        solution.iterations(),
        solution.seconds(),
        solution.stopReason(),
        solution.certificate());
  }

  /** The fraction of {@code predicted} 0/1 labels that differ from {@code labels} (NaN for none). */
  public static double error(int[] predicted, Labels labels) {
    int wrong = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] != labels.get(i)) {
        wrong++;
      }
    }
    return predicted.length == 0 ? Double.NaN : (double) wrong / predicted.length;
  }
}
