/**
 * The after-kernel embedding and kernels built from it, in the spirit of neural-tangents'
 * {@code empirical.py}: one function-first API ({@link org.afterkernel.kernel.FeatureMap}, {@link
 * org.afterkernel.kernel.Kernel}) with several implementations behind an enum, the simplest one
 * ({@link org.afterkernel.kernel.Implementation#REFERENCE}: one backward pass per example) kept as
 * the reference every other implementation is tested against.
 *
 * <p>After-kernel (NTK) features are the gradient of the logit with respect to every trainable
 * variable, flattened and concatenated in Keras order; conjugate-kernel features are the input of
 * the last Dense layer. Gram matrices are built from blocks of feature rows with TensorFlow's
 * MatMul, streaming the blocks when the features do not fit in memory; kernel statistics
 * (alignment, effective rank, kernel-target alignment) are computed from Gram matrices.
 *
 * <p>A row need not be phi itself: with {@link org.afterkernel.kernel.Implementation#STRUCTURED}
 * the Dense layers contribute the two factors of their rank-one per-example gradients, and the
 * row's {@link org.afterkernel.kernel.RowLayout} combines them into kernel values (Novak et al.
 * 2022's structured derivatives). Every consumer of rows (Gram blocks, invariance cosines, the
 * SVM's kernels) goes through the layout, so one code path serves both; {@link
 * org.afterkernel.kernel.CachedFeatureMap} lets several measures of one network share its test
 * rows.
 *
 * <p>A network of C outputs has a kernel per pair of outputs: {@link
 * org.afterkernel.kernel.MultiOutputKernel} computes the full kernel (a C x C block per pair of
 * inputs) or its trace over outputs from one feature map per output, whose rows {@link
 * org.afterkernel.kernel.OutputRows} orders (input, output); {@link
 * org.afterkernel.kernel.EnsembleKernel} averages fresh networks' kernels (the infinite-width
 * estimate).
 */
package org.afterkernel.kernel;
