package org.afterkernel.train;

/**
 * How to train, as in the original script.
 *
 * @param maxEpochs epochs to train ({@code max_num_epochs}); with a loss target, the cap
 * @param learningRate SGD step size (0.01, Keras's default)
 * @param batchSize minibatch size (32, Keras's default); {@link #FULL_BATCH} for gradient descent on
 *     the whole training set
 * @param lossTarget train until the mean training loss is at most this (null: fixed epochs)
 * @param augmentation training-time augmentation
 * @param seed fixes initialisation, shuffling and augmentation
 * @param loss the training loss (null: binary cross-entropy, the original's)
 */
public record TrainConfig(
    int maxEpochs, double learningRate, int batchSize, Double lossTarget, Augmentation augmentation,
    long seed, LossFunction loss) {

  /** The batch size meaning "the whole training set" (full-batch gradient descent). */
  public static final int FULL_BATCH = 0;

  /** The original's first pass when training to a loss target; each further pass doubles. */
  public static final int FIRST_PASS_EPOCHS = 10;

  public TrainConfig {
    if (maxEpochs < 0) {
      throw new IllegalArgumentException("epochs is " + maxEpochs + ", expected >= 0");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate is " + learningRate + ", expected a positive number");
    }
    if (batchSize < 1 && batchSize != FULL_BATCH) {
      throw new IllegalArgumentException("batch size is " + batchSize + ", expected >= 1 or full");
    }
    if (loss == null) {
      loss = LossFunction.BINARY_CROSSENTROPY;
    }
    if (lossTarget != null && !(lossTarget > 0)) {
      throw new IllegalArgumentException("loss target is " + lossTarget + ", expected a positive number");
    }
    if (augmentation == null) {
      augmentation = Augmentation.NONE;
    }
  }

  /** The original's settings: binary cross-entropy. */
  public TrainConfig(int maxEpochs, double learningRate, int batchSize, Double lossTarget,
      Augmentation augmentation, long seed) {
    this(maxEpochs, learningRate, batchSize, lossTarget, augmentation, seed, null);
  }

  /** The same configuration with another seed. */
  public TrainConfig withSeed(long newSeed) {
    return new TrainConfig(maxEpochs, learningRate, batchSize, lossTarget, augmentation, newSeed, loss);
  }

  /** The same configuration with another epoch count. */
  public TrainConfig withMaxEpochs(int epochs) {
    return new TrainConfig(epochs, learningRate, batchSize, lossTarget, augmentation, seed, loss);
  }

  /** The minibatch size on {@code n} training examples ({@code n} for full batch). */
  public int batchSizeFor(int n) {
    return batchSize == FULL_BATCH ? n : Math.min(batchSize, n);
  }

  /** Optimizer steps in one epoch of {@code n} examples. */
  public int stepsPerEpoch(int n) {
    int b = batchSizeFor(n);
    return (n + b - 1) / b;
  }

  /** The batch size as written on the command line: a number or {@code full}. */
  public String batchSizeName() {
    return batchSize == FULL_BATCH ? "full" : Integer.toString(batchSize);
  }

  /**
   * Parses a batch size: a positive number or {@code full}.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static int parseBatchSize(String s) {
    if (s.equalsIgnoreCase("full")) {
      return FULL_BATCH;
    }
    try {
      int b = Integer.parseInt(s.trim());
      if (b >= 1) {
        return b;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("batch size is '" + s + "', expected a positive number or full");
  }

  /** Keras defaults: lr 0.01, batch 32, no augmentation, fixed epochs. */
  public static TrainConfig defaults(int epochs, long seed) {
    return new TrainConfig(epochs, 0.01, 32, null, Augmentation.NONE, seed);
  }
}
