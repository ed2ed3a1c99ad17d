package org.afterkernel.train;

import java.util.Random;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;

/**
 * Applies {@link Augmentation} in the graph: one projective transform per image, drawn in Java
 * from the epoch's generator and applied by TensorFlow's ImageProjectiveTransformV3 (bilinear,
 * "nearest" fill), the op tf.keras and tensorflow-addons use for these transforms.
 */
public final class Augmenter {
  private final Augmentation augmentation;
  private final int height;
  private final int width;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TFloat32> transforms;
  private final Operand<TFloat32> output;

  /** Adds the augmentation ops for images of {@code height x width} to the graph of {@code tf}. */
  public Augmenter(Ops tf, Augmentation augmentation, int height, int width, int channels) {
    this.augmentation = augmentation;
    this.height = height;
    this.width = width;
    Ops a = tf.withSubScope("augment");
    this.images = a.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, channels)));
    this.transforms = a.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8)));
    this.output =
        a.image.imageProjectiveTransformV3(
            images,
            transforms,
            a.constant(new int[] {height, width}),
            a.constant(0f),
            "BILINEAR",
            ImageProjectiveTransformV3.fillMode("NEAREST"));
  }

  /** The placeholder for the batch of original images. */
  public Placeholder<TFloat32> images() {
    return images;
  }

  /** The placeholder for the {@code [batch, 8]} transforms. */
  public Placeholder<TFloat32> transforms() {
    return transforms;
  }

  /** The augmented batch. */
  public Operand<TFloat32> output() {
    return output;
  }

  /** Draws the transforms of a batch of {@code n} images from {@code random}. */
  public TFloat32 drawTransforms(int n, Random random) {
    float[] t = new float[n * 8];
    for (int i = 0; i < n; i++) {
      double theta = Math.toRadians(uniform(random, augmentation.rotationDegrees()));
      int shiftRows = shift(random);
      int shiftCols = shift(random);
      System.arraycopy(kerasTransform(theta, shiftRows, shiftCols, height, width), 0, t, i * 8, 8);
    }
    return Tensors.floats(new long[] {n, 8}, t);
  }

  private static double uniform(Random random, double range) {
    return range == 0 ? 0 : (2 * random.nextDouble() - 1) * range;
  }

  /** Keras's integer shift rule, or a true shift in {-1, 0, 1}. */
  private int shift(Random random) {
    if (augmentation.trueShifts()) {
      return random.nextInt(3) - 1;
    }
    int r = augmentation.shiftRange();
    if (r <= 0) {
      return 0;
    }
    int magnitude = random.nextInt(r); // numpy's choice(range(r)): r = 1 always gives 0
    return random.nextBoolean() ? magnitude : -magnitude;
  }

  /**
   * The transform Keras's {@code apply_affine_transform} uses, in ImageProjectiveTransform's
   * convention (output (x, y) to input (a0 x + a1 y + a2, a3 x + a4 y + a5)). Keras composes, in
   * (row, col) coordinates, rotation R(theta) = [[cos, -sin], [sin, cos]] then the shift
   * (rows, cols), about the centre o = ((h-1)/2, (w-1)/2): input = R (out - o) + R t + o.
   */
  static float[] kerasTransform(double theta, int shiftRows, int shiftCols, int height, int width) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    double or = (height - 1) / 2.0;
    double oc = (width - 1) / 2.0;
    // M = R * S in homogeneous (row, col): [[c, -s, c*tr - s*tc], [s, c, s*tr + c*tc]]
    double m02 = c * shiftRows - s * shiftCols;
    double m12 = s * shiftRows + c * shiftCols;
    // Centre it: T(o) M T(-o)
    double offRow = or - (c * or - s * oc) + m02;
    double offCol = oc - (s * or + c * oc) + m12;
    // input_row = c r - s col + offRow ; input_col = s r + c col + offCol; x = col, y = row
    return new float[] {
      (float) c, (float) s, (float) offCol, (float) -s, (float) c, (float) offRow, 0f, 0f
    };
  }
}
