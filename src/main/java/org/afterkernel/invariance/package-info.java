/**
 * Image perturbations and the invariance measures built on them (PARITY.md section 6).
 *
 * <p>Each {@link org.afterkernel.invariance.Perturbation} exists twice: as TensorFlow ops added to
 * a graph (batched NHWC float32, the path the invariance runner uses so that images are perturbed
 * where their features are computed) and as a plain-Java reference written with loops straight from
 * the definition of the op the original script called (tensorflow-addons {@code translate} and
 * {@code rotate}, i.e. {@code ImageProjectiveTransformV3}; {@code tf.image.central_crop} followed
 * by {@code tf.image.resize}, i.e. {@code ResizeBilinear} with half-pixel centres; a numpy quadrant
 * swap). Tests hold the two equal: exactly for the nearest-neighbour ops, to 1e-6 for bilinear
 * resizing.
 *
 * <p>{@link org.afterkernel.invariance.InvarianceKind} names the script's four measures and expands
 * each into the perturbations whose cosines it averages; {@link
 * org.afterkernel.invariance.CosineAccumulator} computes the script's mean cosine between two
 * embeddings (rows divided by 1e-4 plus their norm) from blocks of rows, in double precision.
 */
package org.afterkernel.invariance;
