package org.afterkernel.invariance;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;

/** Static-shape checks for NHWC image operands (the batch may be unknown, the rest may not). */
final class ImageOperands {
  private ImageOperands() {}

  /**
   * The static {@code [height, width, channels]} of an NHWC operand.
   *
   * @throws IllegalArgumentException when the operand is not rank 4 or its height, width or channel
   *     count is not known when the graph is built (the transforms depend on the image size, as in
   *     tensorflow-addons, which reads it from the shape)
   */
  static int[] heightWidthChannels(Operand<?> images) {
    Shape s = images.shape();
    if (s.isUnknown() || s.numDimensions() != 4) {
      throw new IllegalArgumentException("expected NHWC images (rank 4), got shape " + s);
    }
    for (int i = 1; i < 4; i++) {
      if (s.size(i) < 1) {
        throw new IllegalArgumentException(
            "expected a static height, width and channel count, got shape " + s);
      }
    }
    return new int[] {(int) s.size(1), (int) s.size(2), (int) s.size(3)};
  }
}
