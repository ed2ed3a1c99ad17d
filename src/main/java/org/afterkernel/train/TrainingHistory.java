package org.afterkernel.train;

import java.util.List;

/**
 * What a call to {@link Trainer#fit} did.
 *
 * @param epochs epochs trained in all
 * @param perEpoch statistics of every epoch
 * @param lossChecks with a loss target: the full training-set loss after each pass
 * @param stopReason {@code epochs} (fixed count done), {@code loss-target} (reached) or {@code
 *     max-epochs} (target not reached within the cap)
 * @param seconds wall-clock training time
 */
public record TrainingHistory(
    int epochs, List<EpochStats> perEpoch, List<LossCheck> lossChecks, String stopReason, double seconds) {

  /** The evaluated training loss after a pass of the loss-target schedule. */
  public record LossCheck(int afterEpoch, double trainingLoss) {}

  /** Per-epoch training losses, in order. */
  public double[] losses() {
    return perEpoch.stream().mapToDouble(EpochStats::loss).toArray();
  }
}
