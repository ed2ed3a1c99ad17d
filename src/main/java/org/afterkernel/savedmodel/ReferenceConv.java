package org.afterkernel.savedmodel;

import java.util.Arrays;

/**
 * The convolutions of the float64 reference forward pass ({@link KerasReference}), written from
 * TensorFlow's definitions as plain loops over one example, channels last: Conv2D, and the
 * depthwise convolution of DepthwiseConv2D and SeparableConv2D (input channel c with multiplier m
 * gives output channel c M + m). Nothing here is shared with the layers the importer builds.
 */
final class ReferenceConv {
  private ReferenceConv() {}

  /**
   * Output size and leading padding of a window of {@code k} taps, dilated by {@code d}, moved by
   * {@code s} over {@code n} positions: "valid" takes the windows that fit, "same" gives
   * ceil(n / s) outputs with the padding split evenly, the odd one at the end (TensorFlow's rule).
   */
  static int[] window(int n, int k, int s, int d, boolean same, String what) {
    int span = (k - 1) * d + 1;
    if (same) {
      int out = (n + s - 1) / s;
      int pad = Math.max((out - 1) * s + span - n, 0);
      return new int[] {out, pad / 2};
    }
    if (n < span) {
      throw new IllegalArgumentException(what + ": a window of " + span + " does not fit in " + n + " positions");
    }
    return new int[] {(n - span) / s + 1, 0};
  }

  /** Conv2D: x (h, w, c), kernel (kh, kw, c, f), bias (f) or null. */
  static ReferenceTensor conv2d(ReferenceTensor x, ReferenceTensor kernel, ReferenceTensor bias, int[] strides,
      int[] dilation, boolean same) {
    int h = x.shape()[0];
    int w = x.shape()[1];
    int c = x.shape()[2];
    int kh = kernel.shape()[0];
    int kw = kernel.shape()[1];
    int f = kernel.shape()[3];
    if (kernel.shape()[2] != c) {
      throw new IllegalArgumentException("kernel " + Arrays.toString(kernel.shape()) + " does not take " + c + " channels");
    }
    int[] rows = window(h, kh, strides[0], dilation[0], same, "Conv2D rows");
    int[] cols = window(w, kw, strides[1], dilation[1], same, "Conv2D columns");
    ReferenceTensor out = ReferenceTensor.zeros(rows[0], cols[0], f);
    for (int i = 0; i < rows[0]; i++) {
      for (int j = 0; j < cols[0]; j++) {
        int o = (i * cols[0] + j) * f;
        for (int a = 0; a < kh; a++) {
          int r = i * strides[0] + a * dilation[0] - rows[1];
          if (r < 0 || r >= h) {
            continue;
          }
          for (int b = 0; b < kw; b++) {
            int q = j * strides[1] + b * dilation[1] - cols[1];
            if (q < 0 || q >= w) {
              continue;
            }
            for (int ch = 0; ch < c; ch++) {
              double xv = x.v()[(r * w + q) * c + ch];
              int k = ((a * kw + b) * c + ch) * f;
              for (int g = 0; g < f; g++) {
                out.v()[o + g] += xv * kernel.v()[k + g];
              }
            }
          }
        }
        if (bias != null) {
          for (int g = 0; g < f; g++) {
            out.v()[o + g] += bias.v()[g];
          }
        }
      }
    }
    return out;
  }

  /**
   * Depthwise convolution: x (h, w, c), kernel (kh, kw, c, M), bias (c M) or null; output channel
   * c M + m is input channel c filtered by kernel[.., .., c, m].
   */
  static ReferenceTensor depthwise(ReferenceTensor x, ReferenceTensor kernel, ReferenceTensor bias, int[] strides,
      int[] dilation, boolean same) {
    int h = x.shape()[0];
    int w = x.shape()[1];
    int c = x.shape()[2];
    int kh = kernel.shape()[0];
    int kw = kernel.shape()[1];
    int m = kernel.shape()[3];
    if (kernel.shape()[2] != c) {
      throw new IllegalArgumentException("kernel " + Arrays.toString(kernel.shape()) + " does not take " + c + " channels");
    }
    int[] rows = window(h, kh, strides[0], dilation[0], same, "depthwise rows");
    int[] cols = window(w, kw, strides[1], dilation[1], same, "depthwise columns");
    ReferenceTensor out = ReferenceTensor.zeros(rows[0], cols[0], c * m);
    for (int i = 0; i < rows[0]; i++) {
      for (int j = 0; j < cols[0]; j++) {
        for (int ch = 0; ch < c; ch++) {
          for (int k = 0; k < m; k++) {
            double s = bias == null ? 0 : bias.v()[ch * m + k];
            for (int a = 0; a < kh; a++) {
              int r = i * strides[0] + a * dilation[0] - rows[1];
              for (int b = 0; b < kw; b++) {
                int q = j * strides[1] + b * dilation[1] - cols[1];
                if (r >= 0 && r < h && q >= 0 && q < w) {
                  s += x.v()[(r * w + q) * c + ch] * kernel.v()[((a * kw + b) * c + ch) * m + k];
                }
              }
            }
            out.v()[(i * cols[0] + j) * c * m + ch * m + k] = s;
          }
        }
      }
    }
    return out;
  }
}
