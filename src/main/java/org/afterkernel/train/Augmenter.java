package org.afterkernel.train;

import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ImageProjectiveTransformV3;
import org.tensorflow.types.TFloat32;

/**
 * Applies {@link Augmentation} in the graph: one affine transform per image, drawn in Java from
 * the epoch's generator and applied by TensorFlow's ImageProjectiveTransformV3 with bilinear
 * interpolation and fill mode "nearest". That op clamps the source coordinates into the image and
 * then interpolates bilinearly, which is what keras-preprocessing's scipy {@code affine_transform}
 * (spline order 1, mode "nearest") computes; the tests hold it equal to a plain-Java bilinear
 * sampler with clamped coordinates and to hand-computed rotations.
 */
public final class Augmenter {
  /** Images per session run in {@link #rotate}. */
  private static final int BLOCK = 1024;

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
      float[] one = kerasTransform(theta, shiftRows, shiftCols, height, width, augmentation.centre());
      System.arraycopy(one, 0, t, i * 8, 8);
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
   * convention (output (x, y) = (col, row) to input (a0 x + a1 y + a2, a3 x + a4 y + a5)). Keras
   * composes, in (row, col) coordinates, rotation R(theta) = [[cos, -sin], [sin, cos]] then the
   * shift t = (rows, cols), about the centre o: input = R (out - o) + R t + o, which is what scipy's
   * {@code affine_transform} then samples. Positive theta turns the picture clockwise on screen.
   */
  static float[] kerasTransform(
      double theta, int shiftRows, int shiftCols, int height, int width, RotationCentre centre) {
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    double or = centre.row(height);
    double oc = centre.col(width);
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

  /**
   * {@code images} rotated by {@code degrees} (Keras's theta: positive turns them clockwise on
   * screen) about {@code centre}, without shift: the training transform with a fixed angle, through
   * the same graph op as training ({@code ak perturb --kind augment}).
   */
  public static Images rotate(Images images, double degrees, RotationCentre centre) {
    if (!Double.isFinite(degrees)) {
      throw new IllegalArgumentException("augmentation angle must be finite, got " + degrees);
    }
    float[] out = new float[images.pixels().length];
    if (images.count() == 0) {
      return new Images(0, images.height(), images.width(), images.channels(), out);
    }
    float[] one = kerasTransform(Math.toRadians(degrees), 0, 0, images.height(), images.width(), centre);
    int size = images.imageSize();
    try (Graph g = new Graph();
        Session session = TensorFlowRuntime.session(g)) {
      Augmenter a = new Augmenter(Ops.create(g), Augmentation.original(centre), images.height(), images.width(),
          images.channels());
      for (int from = 0; from < images.count(); from += BLOCK) {
        int n = Math.min(BLOCK, images.count() - from);
        float[] t = new float[n * 8];
        for (int i = 0; i < n; i++) {
          System.arraycopy(one, 0, t, i * 8, 8);
        }
        long[] shape = {n, images.height(), images.width(), images.channels()};
        try (TFloat32 x = Tensors.floats(shape, images.pixels(), from * size, n * size);
            TFloat32 tt = Tensors.floats(new long[] {n, 8}, t);
            Result r = session.runner().feed(a.images, x).feed(a.transforms, tt).fetch(a.output).run()) {
          Tensors.copyInto((TFloat32) r.get(0), out, from * size);
        }
      }
    }
    return new Images(images.count(), images.height(), images.width(), images.channels(), out);
  }
}
