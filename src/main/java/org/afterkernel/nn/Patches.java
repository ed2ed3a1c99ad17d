package org.afterkernel.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.types.TFloat32;

/**
 * The input patches a convolution multiplies with its kernel ("im2col"): for every output position
 * the {@code kh x kw x channels} input values under the kernel, ordered like the kernel's first
 * three dimensions. Built from one zero padding and {@code kh * kw} strided slices concatenated
 * along channels, which on CPU is several times faster than TensorFlow's ExtractImagePatches and
 * gives the same values (tests compare them).
 */
final class Patches {
  private Patches() {}

  /**
   * Patches of {@code input} (NHWC, per-example shape {@code in}) for a kernel {@code k}, strides
   * {@code s}, dilation {@code d} and {@code padding}: shape {@code [batch, outH, outW, kh*kw*c]}.
   */
  static Operand<TFloat32> of(Ops tf, Operand<TFloat32> input, long[] in, int[] k, int[] s, int[] d,
      Padding padding) {
    long outH = padding.outputSize(in[0], k[0], s[0], d[0]);
    long outW = padding.outputSize(in[1], k[1], s[1], d[1]);
    long top = padding.padBefore(in[0], k[0], s[0], d[0]);
    long left = padding.padBefore(in[1], k[1], s[1], d[1]);
    long bottom = Math.max(0, (outH - 1) * s[0] + (long) (k[0] - 1) * d[0] + 1 - in[0] - top);
    long right = Math.max(0, (outW - 1) * s[1] + (long) (k[1] - 1) * d[1] + 1 - in[1] - left);
    Operand<TFloat32> padded = top + bottom + left + right == 0 ? input
        : tf.pad(input, tf.constant(new long[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}),
            tf.constant(0f));
    List<Operand<TFloat32>> shifted = new ArrayList<>();
    for (int ky = 0; ky < k[0]; ky++) {
      for (int kx = 0; kx < k[1]; kx++) {
        long y0 = (long) ky * d[0];
        long x0 = (long) kx * d[1];
        shifted.add(tf.stridedSlice(padded,
            tf.constant(new long[] {0, y0, x0, 0}),
            tf.constant(new long[] {0, y0 + (outH - 1) * s[0] + 1, x0 + (outW - 1) * s[1] + 1, 0}),
            tf.constant(new long[] {1, s[0], s[1], 1}),
            StridedSlice.beginMask(0b1001L), StridedSlice.endMask(0b1001L)));
      }
    }
    return shifted.size() == 1 ? shifted.get(0) : tf.concat(shifted, tf.constant(3));
  }
}
