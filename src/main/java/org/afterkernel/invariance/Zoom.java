package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The script's zoom: {@code tf.image.central_crop(x, fraction)} ({@link CentralCrop}) followed by
 * {@code tf.image.resize} back to the original size ({@link BilinearResize}: bilinear, half-pixel
 * centres, no antialias). The script uses {@code fraction = 13/14}, which crops one pixel from
 * every side of a 28x28 or 32x32 image.
 *
 * @param fraction the central fraction kept, in {@code (0, 1]}
 */
public record Zoom(double fraction) implements Perturbation {

  /** The script's {@code CROP_FRACTION}. */
  public static final double ORIGINAL_FRACTION = 13.0 / 14.0;

  public Zoom {
    CentralCrop.checkFraction(fraction);
  }

  /** The zoom of the original script ({@code fraction = 13/14}). */
  public static Zoom original() {
    return new Zoom(ORIGINAL_FRACTION);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc) {
    int[] hwc = ImageOperands.heightWidthChannels(imagesNhwc);
    return BilinearResize.apply(tf, CentralCrop.apply(tf, imagesNhwc, fraction), hwc[0], hwc[1]);
  }

  @Override
  public Images reference(Images images) {
    return BilinearResize.reference(
        CentralCrop.reference(images, fraction), images.height(), images.width());
  }

  @Override
  public String describe() {
    String f = fraction == ORIGINAL_FRACTION ? "13/14" : Numbers.compact(fraction);
    return "zoom(central_crop " + f + ", bilinear resize back)";
  }
}
