package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The depthwise convolution shared by {@link DepthwiseConv2D} and {@link SeparableConv2D}: every
 * input channel c convolved with its own {@code M} filters, output channel {@code c * M + m}, kernel
 * shape {@code (kh, kw, C, M)} (TensorFlow's {@code DepthwiseConv2dNative}), and its per-example
 * kernel gradients in closed form.
 *
 * @param kernelSize kernel height and width
 * @param strides strides along height and width
 * @param dilation dilation rates along height and width (strides 1 when dilated)
 * @param padding padding mode
 */
record Depthwise(int[] kernelSize, int[] strides, int[] dilation, Padding padding) {
  Depthwise {
    for (int[] a : List.of(kernelSize, strides, dilation)) {
      if (a.length != 2 || a[0] <= 0 || a[1] <= 0) {
        throw new IllegalArgumentException("kernel size, strides and dilation must be two positive numbers");
      }
    }
    if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1)) {
      throw new IllegalArgumentException("strides > 1 with dilation > 1 is not supported (nor by Keras)");
    }
    if (strides[0] != strides[1]) {
      throw new IllegalArgumentException("strides " + strides[0] + "x" + strides[1] + " are not supported: TensorFlow's"
          + " depthwise convolution takes equal strides along height and width");
    }
    kernelSize = kernelSize.clone();
    strides = strides.clone();
    dilation = dilation.clone();
  }

  boolean dilated() {
    return dilation[0] > 1 || dilation[1] > 1;
  }

  /** Output (height, width) for an input of per-example shape {@code in}, or null when empty. */
  long[] outputSize(long[] in) {
    long h = padding.outputSize(in[0], kernelSize[0], strides[0], dilation[0]);
    long w = padding.outputSize(in[1], kernelSize[1], strides[1], dilation[1]);
    return h <= 0 || w <= 0 ? null : new long[] {h, w};
  }

  /** The depthwise convolution of {@code input} (per-example shape {@code in}) with {@code kernel}. */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, long[] in, Operand<TFloat32> kernel) {
    if (dilated()) {
      return SpaceToBatch.dilated(tf, input, in, kernelSize, dilation, padding,
          spread -> tf.nn.depthwiseConv2dNative(spread, kernel, List.of(1L, 1L, 1L, 1L), "VALID"));
    }
    return tf.nn.depthwiseConv2dNative(input, kernel,
        List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.opValue());
  }

  /**
   * {@code [batch, kh*kw*C*M]} per-example kernel gradients, each row in the kernel's C order: for
   * example i, {@code dK[k, c, m] = sum_p P_i[p, k, c] D_i[p, c, m]} with P_i its input patches
   * (position p, kernel offset k, channel c) and D_i the gradient at the depthwise output, one
   * batched matmul over (example, channel) pairs.
   *
   * @param input the layer input, per-example shape {@code in}
   * @param delta the gradient at the depthwise output {@code [batch, oh, ow, C*M]}
   */
  Operand<TFloat32> kernelGradients(Ops tf, Operand<TFloat32> input, long[] in, long multiplier,
      Operand<TFloat32> delta) {
    long c = in[2];
    long kk = (long) kernelSize[0] * kernelSize[1];
    Operand<TFloat32> patches = Patches.of(tf, input, in, kernelSize, strides, dilation, padding);
    Operand<TFloat32> p = tf.linalg.transpose(tf.reshape(patches, Conv.batchShape(tf, input, -1, kk, c)),
        tf.constant(new int[] {0, 3, 1, 2})); // [b, C, positions, kk]
    Operand<TFloat32> d = tf.linalg.transpose(tf.reshape(delta, Conv.batchShape(tf, input, -1, c, multiplier)),
        tf.constant(new int[] {0, 2, 1, 3})); // [b, C, positions, M]
    Operand<TFloat32> g = BatchedProduct.adjointTimes(tf, p, d); // [b, C, kk, M]
    return tf.reshape(tf.linalg.transpose(g, tf.constant(new int[] {0, 2, 1, 3})),
        Conv.batchShape(tf, input, kk * c * multiplier));
  }

  /** {@code kernel=3x3, strides=1x1, dilation=1x1, same}. */
  String describe() {
    return String.format("kernel=%dx%d, strides=%dx%d, dilation=%dx%d, %s", kernelSize[0], kernelSize[1],
        strides[0], strides[1], dilation[0], dilation[1], padding.name().toLowerCase(java.util.Locale.ROOT));
  }
}
