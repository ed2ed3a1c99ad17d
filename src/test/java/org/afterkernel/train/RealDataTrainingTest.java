package org.afterkernel.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/**
 * Training on real MNIST 3-vs-8 with the paper's settings (Keras defaults). With those settings the
 * first epoch spends much of its time on the initial plateau (test error 4-8% after it, over seeds),
 * so the bounds (VGG under 2%, MLP under 3%) are checked where the faithful replica reaches
 * them: after 3 and 10 epochs. See docs/networks-and-training.md.
 */
class RealDataTrainingTest {
  private static final LabeledImages TRAIN =
      Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, ClassPair.DEFAULT, 0);
  private static final LabeledImages TEST =
      Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 0);

  /** Trains {@code preset} for the largest of {@code epochs}, evaluating on the test set after each of them. */
  private static Evaluation[] train(String preset, int... epochs) {
    Evaluation[] out = new Evaluation[epochs.length];
    try (Model m = Model.create(NetworkSpec.preset(preset, 28, 28, 1), 1)) {
      Trainer t = new Trainer(m, TRAIN, TrainConfig.defaults(epochs[epochs.length - 1], 1));
      TrainingHistory h = t.fit(stats -> {
        for (int i = 0; i < epochs.length; i++) {
          if (epochs[i] == stats.epoch()) {
            out[i] = t.evaluate(TEST);
          }
        }
      }, false);
      double[] losses = h.losses();
      assertTrue(losses[losses.length - 1] < losses[0], "the training loss fell: " + java.util.Arrays.toString(losses));
      return out;
    }
  }

  @Test
  void vggLearnsInOneEpochAndIsUnderTwoPercentAfterThree() {
    Evaluation[] e = train("vgg", 1, 3);
    assertTrue(e[0].error() < 0.10, "VGG test error after 1 epoch: " + e[0]);
    assertTrue(e[1].error() < 0.02, "VGG test error after 3 epochs: " + e[1]);
  }

  @Test
  void mlpLearnsInOneEpochAndIsUnderThreePercentAfterTen() {
    Evaluation[] e = train("mlp", 1, 10);
    assertTrue(e[0].error() < 0.10, "MLP test error after 1 epoch: " + e[0]);
    assertTrue(e[1].error() < 0.03, "MLP test error after 10 epochs: " + e[1]);
  }
}
