package org.afterkernel.experiment;

import java.util.Map;
import org.afterkernel.linear.SvmEvaluation;
import org.afterkernel.train.TrainingHistory;

/**
 * One run of an experiment measured at one number of epochs.
 *
 * @param run 0-based run index
 * @param seed the run's seed (base seed + run)
 * @param epochs epochs trained when measured
 * @param parameters the network's exact parameter count
 * @param values the measures, by {@link Measure#key()} (absent when not requested)
 * @param training the training history up to here (null when not trained)
 * @param svm the SVM's details (null when no linear model was fitted)
 * @param conjugateSvm the conjugate-kernel SVM's details with {@code conjugate-svm} (else null)
 * @param timings seconds per stage
 */
public record RunResult(
    int run,
    long seed,
    int epochs,
    long parameters,
    Map<String, Double> values,
    TrainingHistory training,
    SvmEvaluation svm,
    SvmEvaluation conjugateSvm,
    Map<String, Double> timings) {

  /** The value of {@code m}, or null. */
  public Double value(Measure m) {
    return values.get(m.key());
  }
}
