package org.afterkernel.kernel;

/** How per-example gradient features are computed. Every implementation must agree with REFERENCE. */
public enum Implementation {
  /**
   * One backward pass per example ({@code Graph.addGradients} of that example's logit with
   * respect to every variable). Obviously correct, slow: the yardstick of the others.
   */
  REFERENCE,
  /**
   * A whole batch in one backward pass: the gradient of the summed logits with respect to each
   * layer's linear output is every example's own output gradient, which each layer combines with
   * its input into per-example weight gradients (an outer product for Dense; for convolutions one
   * Conv2DBackpropFilter op per example, the graph built per batch size).
   */
  BATCHED,
  /**
   * As {@link #BATCHED}, one graph for every batch size, convolutions' per-example kernel
   * gradients as input patches times output gradients in one batched matmul (the batched path
   * before issue 13; slower on CPU, kept as a second implementation to compare against).
   */
  BATCHED_PATCHES,
  /**
   * {@link #BATCHED} for every layer but the Dense layers on vectors, whose rank-one per-example
   * gradients are kept as their two factors (input and output gradient); kernels combine the
   * factors' products without materializing the gradients (neural-tangents' "structured
   * derivatives", see {@link RowLayout}). Kernels only: its rows are not the features.
   */
  STRUCTURED
}
