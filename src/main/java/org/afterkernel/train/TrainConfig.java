package org.afterkernel.train;

/**
 * How to train, as in the original script.
 *
 * @param maxEpochs epochs to train ({@code max_num_epochs}); with a loss target, the cap
 * @param learningRate SGD step size (0.01, Keras's default)
 * @param batchSize minibatch size (32, Keras's default)
 * @param lossTarget train until the mean training loss is at most this (null: fixed epochs)
 * @param augmentation training-time augmentation
 * @param seed fixes initialisation, shuffling and augmentation
 */
public record TrainConfig(
    int maxEpochs, double learningRate, int batchSize, Double lossTarget, Augmentation augmentation,
    long seed) {

  /** The original's first pass when training to a loss target; each further pass doubles. */
  public static final int FIRST_PASS_EPOCHS = 10;

  public TrainConfig {
    if (maxEpochs < 0) {
      throw new IllegalArgumentException("epochs is " + maxEpochs + ", expected >= 0");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate is " + learningRate + ", expected a positive number");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size is " + batchSize + ", expected >= 1");
    }
    if (lossTarget != null && !(lossTarget > 0)) {
      throw new IllegalArgumentException("loss target is " + lossTarget + ", expected a positive number");
    }
    if (augmentation == null) {
      augmentation = Augmentation.NONE;
    }
  }

  /** The same configuration with another seed. */
  public TrainConfig withSeed(long newSeed) {
    return new TrainConfig(maxEpochs, learningRate, batchSize, lossTarget, augmentation, newSeed);
  }

  /** The same configuration with another epoch count. */
  public TrainConfig withMaxEpochs(int epochs) {
    return new TrainConfig(epochs, learningRate, batchSize, lossTarget, augmentation, seed);
  }

  /** Keras defaults: lr 0.01, batch 32, no augmentation, fixed epochs. */
  public static TrainConfig defaults(int epochs, long seed) {
    return new TrainConfig(epochs, 0.01, 32, null, Augmentation.NONE, seed);
  }
}
