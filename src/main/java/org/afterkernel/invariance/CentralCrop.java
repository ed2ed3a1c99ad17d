package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code tf.image.central_crop(images, fraction)} for a batch with static height and width.
 *
 * <p>TensorFlow's implementation ({@code central_crop} in {@code
 * tensorflow/python/ops/image_ops_impl.py}, static-shape branch) computes the offset in Python
 * floating point and truncates: {@code start = int((h - h * fraction) / 2)}, and keeps {@code h - 2
 * * start} rows (likewise for columns). With {@code fraction = 13/14}: 28 rows give {@code (28 -
 * 26.0) / 2 = 1.0}, start 1, 26 rows kept; 32 rows give {@code 1.142...}, start 1, 30 rows; images
 * of 27 rows or fewer are not cropped at all.
 */
public final class CentralCrop {
  private CentralCrop() {}

  /**
   * The first kept row (or column) of a dimension of {@code size} pixels: {@code (int) ((size -
   * size * fraction) / 2)} in double precision, as Python computes it.
   */
  public static int start(int size, double fraction) {
    checkFraction(fraction);
    double s = size;
    return (int) ((s - s * fraction) / 2);
  }

  /** The number of rows (or columns) kept: {@code size - 2 * start(size, fraction)}. */
  public static int keptSize(int size, double fraction) {
    return size - 2 * start(size, fraction);
  }

  /** Rejects fractions outside {@code (0, 1]}, as {@code central_crop} does. */
  static void checkFraction(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("crop fraction must be in (0, 1], got " + fraction);
    }
  }

  /**
   * The crop as a {@code Slice} op (begin {@code [0, top, left, 0]}, size {@code [-1, h', w',
   * -1]}).
   */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc, double fraction) {
    int[] hwc = ImageOperands.heightWidthChannels(imagesNhwc);
    int top = start(hwc[0], fraction);
    int left = start(hwc[1], fraction);
    return tf.slice(
        imagesNhwc,
        tf.constant(new int[] {0, top, left, 0}),
        tf.constant(new int[] {-1, hwc[0] - 2 * top, hwc[1] - 2 * left, -1}));
  }

  /**
   * The crop with loops: output pixel {@code (y, x)} is input pixel {@code (top + y, left + x)}.
   */
  public static Images reference(Images images, double fraction) {
    int h = images.height();
    int w = images.width();
    int c = images.channels();
    int top = start(h, fraction);
    int left = start(w, fraction);
    int oh = h - 2 * top;
    int ow = w - 2 * left;
    float[] out = new float[images.count() * oh * ow * c];
    int i = 0;
    for (int n = 0; n < images.count(); n++) {
      for (int y = 0; y < oh; y++) {
        for (int x = 0; x < ow; x++) {
          for (int ch = 0; ch < c; ch++) {
            out[i++] = images.get(n, top + y, left + x, ch);
          }
        }
      }
    }
    return new Images(images.count(), oh, ow, c, out);
  }
}
