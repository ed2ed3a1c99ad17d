package org.afterkernel.nn;

import java.util.Locale;

/** Keras/TensorFlow padding modes of convolutions and pooling. */
public enum Padding {
  /** Output size ceil(in / stride); zeros (or ignored cells, for pooling) split before/after. */
  SAME,
  /** No padding: output size floor((in - effective_kernel) / stride) + 1. */
  VALID;

  /** The op attribute value ({@code SAME} / {@code VALID}). */
  public String opValue() {
    return name();
  }

  /** Output length of one spatial dimension. */
  public long outputSize(long in, long kernel, long stride, long dilation) {
    long effective = (kernel - 1) * dilation + 1;
    return this == SAME ? (in + stride - 1) / stride : (in - effective) / stride + 1;
  }

  /** Padding before the first element along one dimension (TensorFlow puts the odd cell after). */
  public long padBefore(long in, long kernel, long stride, long dilation) {
    if (this == VALID) {
      return 0;
    }
    long effective = (kernel - 1) * dilation + 1;
    long total = Math.max((outputSize(in, kernel, stride, dilation) - 1) * stride + effective - in, 0);
    return total / 2;
  }

  /** Parses Keras's {@code "same"} / {@code "valid"}. */
  public static Padding fromKeras(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "same" -> SAME;
      case "valid" -> VALID;
      default -> throw new IllegalArgumentException(
          "unsupported padding '" + s + "' (expected 'same' or 'valid')");
    };
  }
}
