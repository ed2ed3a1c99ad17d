package org.afterkernel.experiment;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.linear.Jst1;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.SvmEvaluation;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.TrainingSet;

/**
 * How Algorithm 1 of the dual SVM approaches its margin on one problem: a run to convergence that
 * records the margin after every iteration and the test error every {@code every} iterations, then
 * reads off when the margin first reached given fractions of the final ("converged") margin and
 * what the test error was there.
 */
final class SvmConvergence {
  private SvmConvergence() {}

  /**
   * When a fraction of the final margin was first reached.
   *
   * @param fraction of the final margin
   * @param iteration first iteration at or above it
   * @param seconds since the run started
   * @param testError test error at the first recorded check at or after that iteration
   */
  record Milestone(double fraction, long iteration, double seconds, double testError) {}

  /**
   * @param solution the converged run
   * @param finalTestError its test error
   * @param milestones per fraction asked for
   * @param testErrorChangesAfter the largest change of the test error between the first milestone's
   *     check and the end (0: the error was settled by then)
   */
  record Trace(Solution solution, double finalTestError, List<Milestone> milestones, double testErrorChangesAfter) {}

  /** Runs {@code stop} on the Gram {@code k} with labels {@code y}; test kernel {@code cross}. */
  static Trace run(DenseMatrix k, Labels y, DenseMatrix cross, Labels testLabels, StopRule stop, int every,
      double[] fractions, Progress progress) {
    List<double[]> margins = new ArrayList<>(); // {iteration, margin, seconds}
    List<double[]> errors = new ArrayList<>(); // {iteration, test error}
    Solution s = new Jst1().fit(new TrainingSet.Gram(k, y), stop, progress, (t, margin, seconds, model) -> {
      margins.add(new double[] {t, margin, seconds});
      if (t % every == 0) {
        errors.add(new double[] {t, SvmEvaluation.error(model.get().predict(cross), testLabels)});
      }
    });
    double finalError = SvmEvaluation.error(s.model().predict(cross), testLabels);
    errors.add(new double[] {s.iterations(), finalError});
    double last = s.trainingMargin();
    List<Milestone> out = new ArrayList<>();
    for (double f : fractions) {
      for (double[] m : margins) {
        if (last > 0 && m[1] >= f * last) {
          out.add(new Milestone(f, (long) m[0], m[2], errorAtOrAfter(errors, m[0])));
          break;
        }
      }
    }
    double change = 0;
    if (!out.isEmpty()) {
      for (double[] e : errors) {
        if (e[0] >= out.get(0).iteration()) {
          change = Math.max(change, Math.abs(e[1] - out.get(0).testError()));
        }
      }
    }
    return new Trace(s, finalError, out, change);
  }

  private static double errorAtOrAfter(List<double[]> errors, double iteration) {
    for (double[] e : errors) {
      if (e[0] >= iteration) {
        return e[1];
      }
    }
    return errors.get(errors.size() - 1)[1];
  }
}
