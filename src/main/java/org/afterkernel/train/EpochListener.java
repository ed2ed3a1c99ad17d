package org.afterkernel.train;

/** Called after every epoch, e.g. to measure the kernel at chosen epochs of one trajectory. */
@FunctionalInterface
public interface EpochListener {
  /** Epoch {@code stats.epoch()} has just finished; the model holds its weights. */
  void afterEpoch(EpochStats stats);

  /** A listener that does nothing. */
  EpochListener NONE = stats -> {};
}
