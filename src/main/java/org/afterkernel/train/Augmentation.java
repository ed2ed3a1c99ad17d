package org.afterkernel.train;

import org.afterkernel.io.Provenance;

/**
 * Random training-time transformations equivalent to the original's Keras {@code
 * ImageDataGenerator(rotation_range=15, width_shift_range=1, height_shift_range=1)} of
 * keras-preprocessing 1.1.2: a rotation uniform in ±{@code rotationDegrees} about {@code centre},
 * bilinear, "nearest" fill; and integer shifts with Keras's semantics, where a range r draws {@code
 * choice(range(r)) * ±1}, so the original's r = 1 never shifts (PARITY.md §3). {@code trueShifts}
 * instead draws each shift uniformly from {-1, 0, +1}.
 *
 * @param enabled whether to augment at all
 * @param rotationDegrees rotation range in degrees (15 in the original)
 * @param shiftRange Keras's integer width/height shift range (1 in the original: no shift)
 * @param trueShifts draw shifts uniformly from {-1, 0, 1} instead of Keras's rule
 * @param centre the rotation centre ({@link RotationCentre#KERAS} for parity; null means that)
 */
public record Augmentation(
    boolean enabled, double rotationDegrees, int shiftRange, boolean trueShifts, RotationCentre centre) {

  public Augmentation {
    if (rotationDegrees < 0 || rotationDegrees > 180) {
      throw new IllegalArgumentException("rotation range is " + rotationDegrees + " degrees, expected 0..180");
    }
    if (shiftRange < 0) {
      throw new IllegalArgumentException("shift range is " + shiftRange + ", expected >= 0");
    }
    if (centre == null) {
      centre = RotationCentre.KERAS;
    }
  }

  /** No augmentation. */
  public static final Augmentation NONE = new Augmentation(false, 0, 0, false, RotationCentre.KERAS);

  /** The original script's augmentation (rotations only, in effect), about Keras 1.1.2's centre. */
  public static final Augmentation ORIGINAL = original(RotationCentre.KERAS);

  /** The original script's augmentation with the rotation about {@code centre}. */
  public static Augmentation original(RotationCentre centre) {
    return new Augmentation(true, 15, 1, false, centre);
  }

  /** The provenance key of the rotation centre. */
  public static final String CENTRE_CHOICE = "augmentation-centre";

  /** {@code p} with the rotation centre recorded when this augmentation is enabled, else {@code p}. */
  public Provenance recordIn(Provenance p) {
    return enabled ? p.withChoice(CENTRE_CHOICE, centre.describe()) : p;
  }
}
