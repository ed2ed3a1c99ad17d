package org.afterkernel.train;

import org.afterkernel.AkException;

/** The training loss became NaN or infinite: training stops rather than produce garbage. */
public final class TrainingDivergedException extends AkException {
  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int step;

  public TrainingDivergedException(int epoch, int step, double loss, double learningRate) {
    super(String.format(
        "training diverged: loss is %s at epoch %d, step %d (learning rate %s); try a smaller --lr",
        loss, epoch, step, learningRate));
    this.epoch = epoch;
    this.step = step;
  }

  /** 1-based epoch in which the loss diverged. */
  public int epoch() {
    return epoch;
  }

  /** 1-based step within that epoch. */
  public int step() {
    return step;
  }
}
