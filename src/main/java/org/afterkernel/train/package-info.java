/**
 * Training as the original script's Keras {@code fit}: binary cross-entropy on the logit, plain
 * SGD, batch 32, a fresh shuffle every epoch with the last partial batch kept, optional
 * ImageDataGenerator-style augmentation done in the graph, fixed epochs or a training-loss target
 * with the original's doubling schedule. Every epoch's randomness is derived from (seed, epoch), so
 * training to epoch 30 passes through exactly the state a run stopped at epoch 10 had.
 */
package org.afterkernel.train;
