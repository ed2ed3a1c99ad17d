package org.afterkernel.invariance;

import java.util.Arrays;
import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;

/**
 * A projective image transform {@code [a0, a1, a2, b0, b1, b2, c0, c1]} in float32, as taken by
 * TensorFlow's {@code ImageProjectiveTransformV3} op and built by tensorflow-addons: it maps each
 * OUTPUT pixel {@code (x, y)} to the INPUT point {@code ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2)
 * / k)} with {@code k = c0 x + c1 y + 1}. Sampling is nearest-neighbour with a constant fill of 0,
 * the way {@code tfa.image.translate} and {@code tfa.image.rotate} call the op by default.
 *
 * <p>The factories reproduce tensorflow-addons' float32 arithmetic term by term ({@code
 * translations_to_projective_transforms} in {@code tensorflow_addons/image/translate_ops.py},
 * {@code angles_to_projective_transforms} in {@code tensorflow_addons/image/transform_ops.py}), so
 * that the same transform, bit for bit, reaches the op.
 *
 * @param values the eight coefficients
 */
public record ProjectiveTransform(float[] values) {

  public ProjectiveTransform {
    if (values.length != 8) {
      throw new IllegalArgumentException(
          "a projective transform has 8 values, got " + values.length);
    }
    values = values.clone();
  }

  /**
   * tensorflow-addons' translation by {@code (dx, dy)}: {@code [1, 0, -dx, 0, 1, -dy, 0, 0]}. The
   * content moves right by {@code dx} and down by {@code dy} pixels; output pixel {@code (x, y)}
   * reads input {@code (x - dx, y - dy)}.
   */
  public static ProjectiveTransform translation(double dx, double dy) {
    return new ProjectiveTransform(new float[] {1f, 0f, -(float) dx, 0f, 1f, -(float) dy, 0f, 0f});
  }

  /**
   * tensorflow-addons' rotation by {@code angle} radians about the image centre {@code ((w-1)/2,
   * (h-1)/2)}, counter-clockwise as displayed (rows downward) for positive angles:
   *
   * <pre>
   * x_offset = ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2
   * y_offset = ((h - 1) - (sin * (w - 1) + cos * (h - 1))) / 2
   * [cos, -sin, x_offset, sin, cos, y_offset, 0, 0]
   * </pre>
   *
   * all in float32 as the tfa code computes it (the angle is converted to float32 first).
   */
  public static ProjectiveTransform rotation(double angle, int height, int width) {
    float a = (float) angle;
    float cos = (float) Math.cos(a);
    float sin = (float) Math.sin(a);
    float h1 = (float) height - 1f;
    float w1 = (float) width - 1f;
    float xOffset = (w1 - (cos * w1 - sin * h1)) / 2f;
    float yOffset = (h1 - (sin * w1 + cos * h1)) / 2f;
    return new ProjectiveTransform(new float[] {cos, -sin, xOffset, sin, cos, yOffset, 0f, 0f});
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /**
   * Adds {@code ImageProjectiveTransformV3} (NEAREST, fill mode CONSTANT, fill value 0, output the
   * size of the input) to the graph. One transform row serves every image of the batch.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc) {
    int[] hwc = ImageOperands.heightWidthChannels(imagesNhwc);
    return tf.image.imageProjectiveTransformV3(
        imagesNhwc,
        tf.constant(new float[][] {values}),
        tf.constant(new int[] {hwc[0], hwc[1]}),
        tf.constant(0f),
        "NEAREST",
        ImageProjectiveTransformV3.fillMode("CONSTANT"));
  }

  /**
   * The transform applied with loops, mirroring the CPU kernel ({@code ProjectiveGenerator} in
   * {@code tensorflow/core/kernels/image/image_ops.h}, as in TensorFlow 2.18) operation by
   * operation in float32:
   *
   * <ol>
   *   <li>{@code k = c0*x + c1*y + 1}; if {@code k == 0} the pixel is the fill value;
   *   <li>{@code in_x = (a0*x + a1*y + a2) / k}, {@code in_y = (b0*x + b1*y + b2) / k};
   *   <li>fill mode CONSTANT leaves the coordinates as they are;
   *   <li>NEAREST rounds them with {@code std::round} (half away from zero: 0.5 reads pixel 1, 2.5
   *       reads pixel 3, -0.4 reads pixel 0, -0.5 reads pixel -1) and only then checks the bounds:
   *       a rounded index outside {@code [0, W) x [0, H)} gives the fill value. So a source point
   *       at {@code y = -0.45} still reads row 0.
   * </ol>
   *
   * Some TensorFlow versions test the bounds on the unrounded coordinate instead (fill when {@code
   * in_x < 0 || in_x > W-1}; see TensorFlow issue 46637 and PR 46752). Which variant the study's
   * TensorFlow ran is not known; the two differ only where the source lies less than half a pixel
   * outside the image (28 of 784 positions for a 0.25 rad rotation of 28x28 images). The graph op
   * here is TensorFlow 2.18's, and this reference follows it.
   */
  public Images reference(Images images) {
    int n = images.count();
    int h = images.height();
    int w = images.width();
    int c = images.channels();
    float[] t = values;
    float[] src = images.pixels();
    float[] out = new float[src.length];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float k = t[6] * x + t[7] * y + 1f;
          if (k == 0f) {
            continue; // fill value 0
          }
          float inX = (t[0] * x + t[1] * y + t[2]) / k;
          float inY = (t[3] * x + t[4] * y + t[5]) / k;
          float sx = roundHalfAwayFromZero(inX);
          float sy = roundHalfAwayFromZero(inY);
          if (!(sx >= 0 && sx < w && sy >= 0 && sy < h)) {
            continue; // fill value 0 (also for NaN coordinates)
          }
          int from = ((b * h + (int) sy) * w + (int) sx) * c;
          int to = ((b * h + y) * w + x) * c;
          System.arraycopy(src, from, out, to, c);
        }
      }
    }
    return new Images(n, h, w, c, out);
  }

  /**
   * C's {@code std::round} for a float: the nearest integer, ties away from zero. Written out
   * rather than via {@link Math#round(float)} (ties toward positive infinity) so that the rule is
   * visible; {@code v - floor(v)} is exact in float arithmetic for finite {@code v}.
   */
  static float roundHalfAwayFromZero(float v) {
    float magnitude = Math.abs(v);
    float floor = (float) Math.floor(magnitude);
    float rounded = magnitude - floor >= 0.5f ? floor + 1f : floor;
    return Math.copySign(rounded, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProjectiveTransform p && Arrays.equals(values, p.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ProjectiveTransform" + Arrays.toString(values);
  }
}
