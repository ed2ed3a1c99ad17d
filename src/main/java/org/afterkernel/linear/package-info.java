/**
 * Max-margin linear classifiers on kernel features: the original script's "hard-margin SVM".
 *
 * <p>Data: {@link org.afterkernel.linear.DenseMatrix} (row-major float storage, double
 * accumulation) holds features or Gram matrices; {@link org.afterkernel.linear.TrainingSet} is a
 * feature matrix (primal form) or the training Gram matrix (dual form) with {@link
 * org.afterkernel.linear.Labels} 0/1.
 *
 * <p>Solvers ({@link org.afterkernel.linear.MaxMarginSolver}, created by name with {@link
 * org.afterkernel.linear.Solvers}): {@link org.afterkernel.linear.Jst1}, Algorithm 1 of Ji, Srebro
 * and Telgarsky (the original default), which runs identically in the primal (two {@code n x p}
 * products per iteration) and in the dual on the Gram matrix (one {@code n x n} product, far
 * cheaper when there are more features than examples); {@link org.afterkernel.linear.Jst2}, their
 * stochastic Algorithm 2 with the original's clipping; and {@link
 * org.afterkernel.linear.LiblinearSolver}, scikit-learn's {@code LinearSVC(C=100)} through
 * LIBLINEAR's Java port. A {@link org.afterkernel.linear.StopRule} ends a run by iteration count,
 * wall-clock budget (the original's {@code svm_time_limit}), margin convergence or a target
 * margin; the {@link org.afterkernel.linear.Solution} records which applied. {@link
 * org.afterkernel.linear.ExactSvm} solves the hard-margin SVM to a KKT tolerance and certifies it
 * ({@link org.afterkernel.linear.Certificate}): coordinate descent and active-set rounds on the
 * Gram matrix, and on features with fewer dimensions than examples Newton's method on JST1's loss
 * (separability), an interior point and support-set rounds in double on the features.
 *
 * <p>Results: {@link org.afterkernel.linear.Margins} (the original's normalised training margin) and
 * {@link org.afterkernel.linear.SvmEvaluation} (test error, margin, iterations, seconds, stop
 * reason). {@link org.afterkernel.linear.MatVec} holds the blocked, multi-core products and {@link
 * org.afterkernel.linear.SymmetricMatVec} the Gram product that reads only the upper triangle;
 * {@link org.afterkernel.linear.ReferenceMatVec} has the plain loops they are tested against.
 *
 * <p>Kernel regression: {@link org.afterkernel.linear.KernelRegression} (ridge or ridgeless, in
 * double from the Gram's eigendecomposition) of +-1 targets, {@link
 * org.afterkernel.linear.ClassRegression} of one-hot targets with a scalar or a full multi-output
 * kernel, and {@link org.afterkernel.linear.Agreement} of a regressor with the network.
 */
package org.afterkernel.linear;
