package org.afterkernel.experiment;

import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.TrainingSet;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Whitening;
import org.afterkernel.train.Trainer;

/**
 * The max-margin problem an experiment cell hands its solver, exactly as {@link SvmStage} builds it:
 * the kernel's training data (the scaled Gram matrix in the dual form, scaled features in the
 * primal) and its test side (the cross-kernel {@code K(test, train)} or test features), with the
 * labels. {@code ak bench svm} times the solvers on these.
 *
 * @param train the training set handed to the solver
 * @param test the cross-kernel (dual) or test features (primal)
 * @param testLabels the test labels
 * @param parameters the network's parameter count
 */
public record SvmProblem(TrainingSet train, DenseMatrix test, Labels testLabels, long parameters) {

  /**
   * Trains run 0 of {@code c}'s network for {@code epochs} epochs (0: untrained) with the config's
   * seed and builds the {@code kind} kernel's problem as a cell of {@code c} would, in the form
   * {@code c}'s {@code svm-form} and solver resolve to.
   */
  public static SvmProblem of(ExperimentConfig c, int epochs, FeatureKind kind, LabeledImages train,
      LabeledImages test, Progress progress) {
    Double eps = c.whiteningEps();
    Whitening whitening = eps == null ? null : Whitening.fit(train.images(), eps);
    try (Model model = Model.create(c.networkSpec(), c.seed(), whitening)) {
      if (epochs > 0) {
        new Trainer(model, train, c.trainConfig(epochs, c.seed())).fit(stats -> { }, false);
      }
      MeasuredNetwork net = new MeasuredNetwork(model, test, test.count());
      return SvmStage.problem(c, net, kind, train, test, progress).withParameters(model.parameterCount());
    }
  }

  SvmProblem withParameters(long count) {
    return new SvmProblem(train, test, testLabels, count);
  }
}
