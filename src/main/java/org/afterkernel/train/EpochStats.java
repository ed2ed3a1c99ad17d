package org.afterkernel.train;

/**
 * One epoch of training.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch's steps, weighted by batch size (what Keras prints)
 * @param accuracy training accuracy over the epoch at the original's threshold (logit > 0.5)
 * @param seconds wall-clock time of the epoch
 * @param examplesPerSecond training throughput
 */
public record EpochStats(int epoch, double loss, double accuracy, double seconds, double examplesPerSecond) {}
