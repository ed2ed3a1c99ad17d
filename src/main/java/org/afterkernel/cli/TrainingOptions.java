package org.afterkernel.cli;

import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Whitening;
import org.afterkernel.nn.WhiteningSpec;
import org.afterkernel.train.LossFunction;
import org.afterkernel.train.Augmentation;
import org.afterkernel.train.RotationCentre;
import org.afterkernel.train.TrainConfig;
import picocli.CommandLine.Option;

/** Training options shared by {@code ak train} and the benchmarks. A picocli mixin. */
public final class TrainingOptions {
  @Option(names = "--epochs", paramLabel = "N", defaultValue = "1",
      description = "Epochs to train; with --loss-target, the maximum (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.01",
      description = "SGD learning rate (default ${DEFAULT-VALUE}, Keras's).")
  double learningRate;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
      description = "Minibatch size, or full for gradient descent on the whole training set (default ${DEFAULT-VALUE},"
          + " Keras's).")
  String batchSize;

  @Option(names = "--loss", paramLabel = "LOSS",
      description = "bce (binary cross-entropy on the logit, the original's; default) or mse (squared error to"
          + " targets +-1); with --classes all, cce (softmax cross-entropy, the default there).")
  String loss;

  @Option(names = "--whiten", paramLabel = "zca[:EPS]",
      description = "ZCA-whiten the inputs (fitted on the training images; train, test and perturbed images alike),"
          + " eigenvalues regularized by EPS times their mean (default 1e-3; zca:0 whitens exactly).")
  String whiten;

  @Option(names = "--loss-target", paramLabel = "LOSS",
      description = "Train until the training loss is at most LOSS: 10 epochs, then doubling passes, up to --epochs.")
  Double lossTarget;

  @Option(names = "--augment", description = "Augment as the original: rotations uniform in +-15 degrees"
      + " (its shift range of 1 never shifts).")
  boolean augment;

  @Option(names = "--augment-shift-range", paramLabel = "R", defaultValue = "1",
      description = "Keras integer shift range: shift = choice(range(R)) * +-1 (default ${DEFAULT-VALUE}: no shift).")
  int shiftRange;

  @Option(names = "--augment-true-shifts",
      description = "Shift by a uniform draw from {-1, 0, +1} pixels instead of Keras's rule.")
  boolean trueShifts;

  @Option(names = {"--augment-centre", "--augmentation-centre"}, paramLabel = "CENTRE",
      description = "Centre of the augmentation's rotations: keras (default, parity with keras-preprocessing"
          + " 1.1.2: (H/2+0.5, W/2+0.5)) or geometric ((H-1)/2, (W-1)/2), as Keras >= 2.9.")
  RotationCentre centre;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Fixes initialisation, shuffling and augmentation (default ${DEFAULT-VALUE}).")
  long seed;

  /** The validated configuration of a binary task. */
  public TrainConfig config() {
    return config(false);
  }

  /**
   * The validated configuration of a binary task, or of the ten-class task when {@code
   * multiclass} (whose loss is softmax cross-entropy, {@code --loss cce}, and only that).
   */
  public TrainConfig config(boolean multiclass) {
    LossFunction lossFunction;
    try {
      lossFunction = multiclass ? LossFunction.parse(loss == null ? "cce" : loss) : LossFunction.parseBinary(loss);
    } catch (IllegalArgumentException e) {
      throw new AkException("training: " + e.getMessage());
    }
    if (multiclass && !lossFunction.isMulticlass()) {
      throw new AkException("training: --loss " + loss + " with --classes all: the ten-class task takes cce"
          + " (softmax cross-entropy)");
    }
    if (centre != null && !augment) {
      throw new AkException("training: --augment-centre applies only with --augment");
    }
    try {
      Augmentation aug = augment ? new Augmentation(true, 15, shiftRange, trueShifts, centre) : Augmentation.NONE;
      return new TrainConfig(epochs, learningRate, TrainConfig.parseBatchSize(batchSize), lossTarget, aug, seed,
          lossFunction);
    } catch (IllegalArgumentException e) {
      throw new AkException("training: " + e.getMessage());
    }
  }

  /** The whitening of {@code --whiten} fitted on {@code train} (null without the option). */
  public Whitening whitening(Images train) {
    if (whiten == null) {
      return null;
    }
    try {
      return Whitening.fit(train, WhiteningSpec.parse(whiten));
    } catch (IllegalArgumentException e) {
      throw new AkException("training: " + e.getMessage());
    }
  }
}
