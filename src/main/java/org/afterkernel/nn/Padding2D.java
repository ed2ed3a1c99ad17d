package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code ZeroPadding2D} (positive amounts: rows and columns of zeros added) and {@code
 * Cropping2D} (rows and columns removed), over NHWC images.
 */
public final class Padding2D extends Layer {
  private final boolean crop;
  private final int top;
  private final int bottom;
  private final int left;
  private final int right;

  /**
   * @param crop true for Cropping2D (remove), false for ZeroPadding2D (add zeros)
   */
  public Padding2D(String name, boolean crop, int top, int bottom, int left, int right) {
    super(name);
    if (top < 0 || bottom < 0 || left < 0 || right < 0) {
      throw new IllegalArgumentException((crop ? "Cropping2D" : "ZeroPadding2D") + " '" + name
          + "': amounts must be >= 0");
    }
    this.crop = crop;
    this.top = top;
    this.bottom = bottom;
    this.left = left;
    this.right = right;
  }

  /** Top, bottom, left, right amounts. */
  public int[] amounts() {
    return new int[] {top, bottom, left, right};
  }

  public boolean crop() {
    return crop;
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length != 3) {
      throw badInput(in, "(height, width, channels)");
    }
    int sign = crop ? -1 : 1;
    long h = in[0] + sign * (top + bottom);
    long w = in[1] + sign * (left + right);
    if (h <= 0 || w <= 0) {
      throw badInput(in, "an image larger than the cropping");
    }
    return new long[] {h, w, in[2]};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    if (!crop) {
      return tf.pad(input, tf.constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}),
          tf.constant(0f));
    }
    long[] out = outputShape(inputShape());
    // int32 begin and size: TensorFlow's C++ gradient of Slice builds int32 shapes and fails on int64.
    return tf.slice(input, tf.constant(new int[] {0, top, left, 0}),
        tf.constant(new int[] {-1, (int) out[0], (int) out[1], (int) out[2]}));
  }

  @Override
  public String describe() {
    return String.format("%s(top=%d, bottom=%d, left=%d, right=%d)",
        crop ? "Cropping2D" : "ZeroPadding2D", top, bottom, left, right);
  }
}
