package org.afterkernel.linear;

import org.afterkernel.io.Progress;

/**
 * A solver for the hard-margin linear SVM: find {@code w} maximising {@code min_i s_i x_i . w /
 * ||w||} over training examples {@code x_i} with signs {@code s_i}. Implementations: {@link Jst1}
 * and {@link Jst2} (Ji, Srebro and Telgarsky's accelerated methods) and {@link LiblinearSolver}
 * (scikit-learn's {@code LinearSVC}); see {@link Solvers} to create one by name.
 */
public interface MaxMarginSolver {

  /** The solver's name as the command line and the result files spell it. */
  String name();

  /** True when the solver accepts a {@link TrainingSet.Gram} (dual form). */
  boolean supportsGram();

  /**
   * Fits a separator.
   *
   * @param data training features or Gram matrix, with labels of both classes
   * @param stop when to stop
   * @param progress reports iterations and the current margin (use {@link Progress#silent()})
   * @throws IllegalArgumentException when the data has a single class, or is a Gram matrix and the
   *     solver needs features
   */
  Solution fit(TrainingSet data, StopRule stop, Progress progress);

  /** Fits without reporting progress. */
  default Solution fit(TrainingSet data, StopRule stop) {
    return fit(data, stop, Progress.silent());
  }
}
