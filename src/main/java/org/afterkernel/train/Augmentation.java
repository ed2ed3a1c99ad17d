package org.afterkernel.train;

/**
 * Random training-time transformations equivalent to the original's Keras {@code
 * ImageDataGenerator(rotation_range=15, width_shift_range=1, height_shift_range=1)}: a rotation
 * uniform in ±{@code rotationDegrees} about the image centre, bilinear, "nearest" fill; and
 * integer shifts with Keras's semantics, where a range r draws {@code choice(range(r)) * ±1}, so
 * the original's r = 1 never shifts (PARITY.md §3). {@code trueShifts} instead draws each shift
 * uniformly from {-1, 0, +1}.
 *
 * @param enabled whether to augment at all
 * @param rotationDegrees rotation range in degrees (15 in the original)
 * @param shiftRange Keras's integer width/height shift range (1 in the original: no shift)
 * @param trueShifts draw shifts uniformly from {-1, 0, 1} instead of Keras's rule
 */
public record Augmentation(boolean enabled, double rotationDegrees, int shiftRange, boolean trueShifts) {

  public Augmentation {
    if (rotationDegrees < 0 || rotationDegrees > 180) {
      throw new IllegalArgumentException("rotation range is " + rotationDegrees + " degrees, expected 0..180");
    }
    if (shiftRange < 0) {
      throw new IllegalArgumentException("shift range is " + shiftRange + ", expected >= 0");
    }
  }

  /** No augmentation. */
  public static final Augmentation NONE = new Augmentation(false, 0, 0, false);

  /** The original script's augmentation (rotations only, in effect). */
  public static final Augmentation ORIGINAL = new Augmentation(true, 15, 1, false);
}
