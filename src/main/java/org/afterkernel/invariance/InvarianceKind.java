package org.afterkernel.invariance;

import java.util.List;

/**
 * The original script's four invariance measures. Each is the mean, over the perturbations listed
 * by {@link #perturbations(double)}, of the mean cosine ({@link CosineAccumulator}) between the
 * embeddings of the images and of their perturbed copies; the invariance runner iterates over that
 * list. With the same images for every perturbation, this equals the script's {@code 0.5 * (cos_1 +
 * cos_2)}.
 */
public enum InvarianceKind {
  /**
   * {@code calc_trans_inv}: {@code tfa.image.translate} by {@code [0, 1]} then by {@code [1, 0]}.
   */
  TRANSLATE("translation"),
  /** {@code calc_rotation_inv}: {@code tfa.image.rotate} by {@code +angle} then {@code -angle}. */
  ROTATE("rotation"),
  /** {@code calc_zoom_inv}: central crop 13/14, bilinear resize back. */
  ZOOM("zoom"),
  /** {@code calc_swap_inv}: top-left and bottom-right quadrants exchanged. */
  SWAP("swap");

  private final String measureName;

  InvarianceKind(String measureName) {
    this.measureName = measureName;
  }

  /**
   * The measure's name in the script's output ({@code ntk_<name>} before training, {@code
   * ak_<name>} after): translation, rotation, zoom or swap.
   */
  public String measureName() {
    return measureName;
  }

  /** The perturbations averaged, with the script's default rotation angle (0.25 rad). */
  public List<Perturbation> perturbations() {
    return perturbations(Rotate.DEFAULT_ANGLE);
  }

  /**
   * The perturbations averaged, in the script's order.
   *
   * @param rotationAngle the script's {@code rotation_angle} in radians (used by {@link #ROTATE}
   *     only)
   */
  public List<Perturbation> perturbations(double rotationAngle) {
    return switch (this) {
      // tfa's [dx, dy]: the script's first call, translate(x, [0, 1]), moves the content down.
      case TRANSLATE -> List.of(new Translate(0, 1), new Translate(1, 0));
      case ROTATE -> List.of(new Rotate(rotationAngle), new Rotate(-rotationAngle));
      case ZOOM -> List.of(Zoom.original());
      case SWAP -> List.of(new QuadrantSwap());
    };
  }
}
