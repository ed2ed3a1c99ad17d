package org.afterkernel.linear;

/**
 * What a solver returns: the classifier, its training margin and how the run went.
 *
 * @param solver the solver's name ({@code exact}, {@code jst1}, {@code jst2} or {@code liblinear})
 * @param form {@code primal} (weights over features) or {@code dual} (coefficients over examples)
 * @param model the classifier
 * @param trainingMargin {@code min_i s_i x_i . w / ||w||} of the final model ({@link Margins})
 * @param iterations updates made (for LIBLINEAR: complete fits)
 * @param seconds wall-clock time of the run
 * @param stopReason which criterion of the {@link StopRule} ended the run
 * @param certificate how far the answer is from the hard-margin SVM, and whether the training set
 *     is separable
 */
public record Solution(
    String solver,
    String form,
    LinearModel model,
    double trainingMargin,
    long iterations,
    double seconds,
    StopReason stopReason,
    Certificate certificate) {}
