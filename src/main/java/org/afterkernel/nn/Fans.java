package org.afterkernel.nn;

/**
 * Fan-in and fan-out of a weight shape, computed as Keras's {@code _compute_fans}: for a 2-D
 * kernel {@code (in, out)} they are {@code in} and {@code out}; for a convolution kernel {@code
 * (k1, ..., kr, in, out)} both are multiplied by the receptive field {@code k1 * ... * kr}.
 *
 * <p>(TensorFlow Java's framework {@code VarianceScaling} differs for convolutions, which is why
 * this project does not use it.)
 *
 * @param in fan-in
 * @param out fan-out
 */
public record Fans(double in, double out) {

  /** The fans of a kernel of {@code shape}. */
  public static Fans of(long[] shape) {
    if (shape.length < 1) {
      return new Fans(1, 1);
    }
    if (shape.length == 1) {
      return new Fans(shape[0], shape[0]);
    }
    if (shape.length == 2) {
      return new Fans(shape[0], shape[1]);
    }
    double receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new Fans(shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive);
  }

  /** Number of elements of {@code shape}. */
  public static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
