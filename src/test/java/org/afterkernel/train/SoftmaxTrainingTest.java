package org.afterkernel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Progress;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.Flatten;
import org.afterkernel.nn.Layer;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Sequential;
import org.junit.jupiter.api.Test;

/** Softmax cross-entropy training of a network of several outputs (the ten-class task). */
class SoftmaxTrainingTest {
  private static final int CLASSES = 3;

  /** {@code n} random 3x3 images labelled {@code i mod 3}. */
  private static LabeledImages threeClasses(int n) {
    LabeledImages d = TrainerTest.synthetic(n, 3, 3, 5);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % CLASSES;
    }
    return new LabeledImages(d.images(), y);
  }

  @Test
  void aFullBatchEpochIsOneGradientDescentStepOnTheSoftmaxCrossEntropy() {
    int n = 30;
    LabeledImages data = threeClasses(n);
    List<Layer> layers = List.of(new Flatten("f"), new Dense("d", CLASSES, Activation.LINEAR));
    try (Model m = Model.of(new Sequential(layers), new long[] {3, 3, 1})) {
      m.initialize(4);
      assertEquals(CLASSES, m.outputCount());
      float[] w0 = m.weights().get("d/kernel").asFloats();
      double lr = 0.5;
      TrainConfig cfg = new TrainConfig(2, lr, TrainConfig.FULL_BATCH, null, Augmentation.NONE, 9,
          LossFunction.SOFTMAX_CROSSENTROPY);
      Trainer trainer = new Trainer(m, data, cfg);
      // Reference: two steps of W -= lr * mean_e x_e (softmax(W^T x_e + b) - onehot(y_e))^T, in double.
      double[] w = new double[9 * CLASSES];
      for (int i = 0; i < w.length; i++) {
        w[i] = w0[i];
      }
      double[] b = new double[CLASSES];
      double lossBefore = 0;
      for (int step = 0; step < 2; step++) {
        double[] gw = new double[w.length];
        double[] gb = new double[CLASSES];
        double loss = 0;
        for (int e = 0; e < n; e++) {
          double[] z = b.clone();
          for (int i = 0; i < 9; i++) {
            for (int c = 0; c < CLASSES; c++) {
              z[c] += data.images().pixels()[e * 9 + i] * w[i * CLASSES + c];
            }
          }
          double max = Math.max(z[0], Math.max(z[1], z[2]));
          double sum = 0;
          for (double v : z) {
            sum += Math.exp(v - max);
          }
          loss += (max + Math.log(sum) - z[data.labels()[e]]) / n;
          for (int c = 0; c < CLASSES; c++) {
            double r = (Math.exp(z[c] - max) / sum - (data.labels()[e] == c ? 1 : 0)) / n;
            gb[c] += r;
            for (int i = 0; i < 9; i++) {
              gw[i * CLASSES + c] += r * data.images().pixels()[e * 9 + i];
            }
          }
        }
        if (step == 0) {
          lossBefore = loss;
          assertEquals(loss, trainer.evaluate(data).meanLoss(), 1e-5 * loss, "the evaluation's loss before training");
        }
        for (int i = 0; i < w.length; i++) {
          w[i] -= lr * gw[i];
        }
        for (int c = 0; c < CLASSES; c++) {
          b[c] -= lr * gb[c];
        }
        EpochStats s = trainer.trainEpoch(Progress.silent());
        assertEquals(loss, s.loss(), 1e-5 * loss, "the epoch's loss, step " + step);
      }
      float[] kernel = m.weights().get("d/kernel").asFloats();
      for (int i = 0; i < w.length; i++) {
        assertEquals(w[i], kernel[i], 1e-5, "kernel " + i);
      }
      float[] bias = m.weights().get("d/bias").asFloats();
      for (int c = 0; c < CLASSES; c++) {
        assertEquals(b[c], bias[c], 1e-5, "bias " + c);
      }
      assertTrue(trainer.evaluate(data).meanLoss() < lossBefore);
    }
  }

  @Test
  void theEvaluationTakesTheLargestOutputAndTheLogSumExpLoss() {
    // Two examples, three classes: outputs (1, 3, 2) -> class 1; (0, 0, 5) -> class 2.
    float[] out = {1, 3, 2, 0, 0, 5};
    Evaluation e = Evaluation.ofClasses(out, 3, new int[] {1, 0});
    assertEquals(0.5, e.error());
    double l0 = Math.log(Math.exp(1) + Math.exp(3) + Math.exp(2)) - 3;
    double l1 = Math.log(2 + Math.exp(5)) - 0;
    assertEquals((l0 + l1) / 2, e.meanLoss(), 1e-12);
    assertEquals(1, Evaluation.argmax(new float[] {0, 2, 2}, 0, 3), "the first of ties");
  }

  @Test
  void aBinaryNetworkOrABinaryLossIsRefusedWithTheReason() {
    LabeledImages data = threeClasses(6);
    try (Model one = Model.of(new Sequential(List.of(new Flatten("f"), new Dense("d", 1, Activation.LINEAR))),
        new long[] {3, 3, 1})) {
      one.initialize(1);
      TrainConfig cfg = new TrainConfig(1, 0.1, 32, null, Augmentation.NONE, 1, LossFunction.SOFTMAX_CROSSENTROPY);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(one, data, cfg));
      assertTrue(e.getMessage().contains("several outputs"), e.getMessage());
    }
    assertEquals(LossFunction.SOFTMAX_CROSSENTROPY, LossFunction.parse("cce"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossFunction.parseBinary("cce"));
    assertTrue(e.getMessage().contains("binary task takes bce or mse"), e.getMessage());
  }
}
