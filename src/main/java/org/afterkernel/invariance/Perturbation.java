package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An image perturbation of the original study, available both as TensorFlow ops and as a plain-Java
 * reference that tests hold equal to them.
 *
 * <p>Pixel coordinates follow TensorFlow's image ops: {@code x} is the column (0 at the left),
 * {@code y} the row (0 at the top), and pixel centres sit at integer coordinates.
 */
public sealed interface Perturbation permits Translate, Rotate, Zoom, QuadrantSwap {

  /**
   * Adds the perturbation to a graph.
   *
   * @param tf the graph's ops
   * @param imagesNhwc a batch of images, shape {@code [N, H, W, C]}; {@code N} may be unknown,
   *     {@code H}, {@code W} and {@code C} must be static
   * @return the perturbed batch, same shape
   * @throws IllegalArgumentException when the operand's shape is not static NHWC
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc);

  /** The same perturbation computed with plain loops over pixels; returns new images. */
  Images reference(Images images);

  /**
   * A short human-readable description with the parameters, e.g. {@code rotate(angle=0.25 rad)}.
   */
  String describe();
}
