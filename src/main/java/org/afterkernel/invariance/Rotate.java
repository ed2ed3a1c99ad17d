package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code tfa.image.rotate(images, angle)}: rotation by {@code angle} radians about the image centre
 * {@code ((W-1)/2, (H-1)/2)}, counter-clockwise as displayed for positive angles, nearest
 * neighbour, zeros where the source falls outside the image, through {@code
 * ImageProjectiveTransformV3} with the transform tfa builds ({@link ProjectiveTransform#rotation}).
 *
 * <p>tfa computes the transform in float32, so a rotation by {@code pi/2} has {@code cos} about
 * {@code -4.4e-8} rather than 0; the source coordinates land within about 1e-7 of pixel centres,
 * and nearest rounding still reads the pixel {@code rot90} would. On an image whose height and
 * width differ in parity the centre is half a pixel off the grid and the source coordinates land
 * near {@code .5}, where that tiny error decides which neighbour is read; the reference follows the
 * same float32 arithmetic, so it decides the same way.
 *
 * @param angle radians
 */
public record Rotate(double angle) implements Perturbation {

  /** The script's default {@code rotation_angle}. */
  public static final double DEFAULT_ANGLE = 0.25;

  public Rotate {
    if (!Double.isFinite(angle)) {
      throw new IllegalArgumentException("rotation angle must be finite, got " + angle);
    }
  }

  /** The projective transform tfa builds for this rotation of an {@code height x width} image. */
  public ProjectiveTransform transform(int height, int width) {
    return ProjectiveTransform.rotation(angle, height, width);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc) {
    int[] hwc = ImageOperands.heightWidthChannels(imagesNhwc);
    return transform(hwc[0], hwc[1]).apply(tf, imagesNhwc);
  }

  @Override
  public Images reference(Images images) {
    return transform(images.height(), images.width()).reference(images);
  }

  @Override
  public String describe() {
    return "rotate(angle=" + Numbers.compact(angle) + " rad)";
  }
}
