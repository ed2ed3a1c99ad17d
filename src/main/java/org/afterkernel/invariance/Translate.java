package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code tfa.image.translate(images, [dx, dy])}: the content moves right by {@code dx} and down by
 * {@code dy} pixels (negative values move it left or up); nearest neighbour, zeros shifted in.
 * Fractional shifts are allowed and sample the nearest pixel, ties away from zero, as the op does.
 *
 * <p>Note the original script's naming: its "translated right" images are {@code translate(x, [0,
 * 1])}, which tfa defines as one pixel DOWN, and its "translated down" ones are one pixel right.
 * The translation measure averages the two, so the swap of names does not change any result.
 *
 * @param dx shift along the columns, in pixels
 * @param dy shift along the rows, in pixels
 */
public record Translate(double dx, double dy) implements Perturbation {

  public Translate {
    if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
      throw new IllegalArgumentException(
          "translation must be finite, got (" + dx + ", " + dy + ")");
    }
  }

  /** The projective transform tfa builds for this translation. */
  public ProjectiveTransform transform() {
    return ProjectiveTransform.translation(dx, dy);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc) {
    return transform().apply(tf, imagesNhwc);
  }

  @Override
  public Images reference(Images images) {
    return transform().reference(images);
  }

  @Override
  public String describe() {
    return "translate(dx=" + Numbers.compact(dx) + ", dy=" + Numbers.compact(dy) + ")";
  }
}
