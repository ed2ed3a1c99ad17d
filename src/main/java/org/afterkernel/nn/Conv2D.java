package org.afterkernel.nn;

/**
 * Keras {@code Conv2D}: the rank-2 case of {@link Conv}, with the common defaults (stride 1, no
 * dilation, bias) available through the short constructor.
 */
public final class Conv2D extends Conv {
  /** A square {@code kernelSize} convolution with stride 1, no dilation, and a bias. */
  public Conv2D(String name, int filters, int kernelSize, Padding padding, Activation activation) {
    this(name, filters, new int[] {kernelSize, kernelSize}, new int[] {1, 1}, new int[] {1, 1},
        padding, activation, true);
  }

  public Conv2D(
      String name, int filters, int[] kernelSize, int[] strides, int[] dilation, Padding padding,
      Activation activation, boolean useBias) {
    super(name, filters, kernelSize, strides, dilation, padding, activation, useBias);
  }
}
