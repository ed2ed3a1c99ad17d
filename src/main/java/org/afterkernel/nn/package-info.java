/**
 * Keras-faithful networks as TensorFlow graphs.
 *
 * <p>A {@link org.afterkernel.nn.Layer} keeps its hyperparameters in its constructor, creates its
 * variables in {@code build} and computes in {@code call}, as Keras layers do. Layers are stacked
 * into a {@link org.afterkernel.nn.Sequential}; {@link org.afterkernel.nn.NetworkSpec} describes the
 * study's architectures (VGG-like, MLP, Sum) with the original script's width rules, and {@link
 * org.afterkernel.nn.Model} is a network built in a graph with a session and its weights.
 *
 * <p>Initialisation follows Keras exactly (glorot_uniform kernels with Keras's fans, zero biases),
 * with values drawn in Java from a seeded generator so that a seed fixes them bit for bit.
 */
package org.afterkernel.nn;
