package org.afterkernel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
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

/** Full-batch gradient descent and the squared-error loss of the training-study settings. */
class TrainerSettingsTest {
  @Test
  void aFullBatchMseEpochIsOneGradientDescentStepOnTheMeanSquaredErrorToPlusMinusOne() {
    int n = 45;
    LabeledImages data = TrainerTest.synthetic(n, 3, 3, 2);
    List<Layer> layers = List.of(new Flatten("f"), new Dense("d", 1, Activation.LINEAR));
    try (Model m = Model.of(new Sequential(layers), new long[] {3, 3, 1})) {
      m.initialize(4);
      float[] w0 = m.weights().get("d/kernel").asFloats();
      double lr = 0.05;
      TrainConfig cfg = new TrainConfig(2, lr, TrainConfig.FULL_BATCH, null, Augmentation.NONE, 9, LossFunction.MSE);
      assertEquals(1, cfg.stepsPerEpoch(n));
      Trainer trainer = new Trainer(m, data, cfg);
      List<Long> steps = new ArrayList<>();
      trainer.onStep(steps::add);
      trainer.trainEpoch(Progress.silent());
      trainer.trainEpoch(Progress.silent());
      assertEquals(List.of(1L, 2L), steps);
      // Reference: two steps of w -= lr * d/dw mean_i (w.x_i + b - y_i)^2, y = 2z - 1, in double.
      double[] w = new double[9];
      for (int i = 0; i < 9; i++) {
        w[i] = w0[i];
      }
      double b = 0;
      for (int step = 0; step < 2; step++) {
        double[] gw = new double[9];
        double gb = 0;
        for (int e = 0; e < n; e++) {
          double f = b;
          for (int i = 0; i < 9; i++) {
            f += w[i] * data.images().pixels()[e * 9 + i];
          }
          double r = 2 * (f - (2 * data.labels()[e] - 1)) / n;
          for (int i = 0; i < 9; i++) {
            gw[i] += r * data.images().pixels()[e * 9 + i];
          }
          gb += r;
        }
        for (int i = 0; i < 9; i++) {
          w[i] -= lr * gw[i];
        }
        b -= lr * gb;
      }
      float[] kernel = m.weights().get("d/kernel").asFloats();
      for (int i = 0; i < 9; i++) {
        assertEquals(w[i], kernel[i], 1e-5, "kernel " + i);
      }
      assertEquals(b, m.weights().get("d/bias").asFloats()[0], 1e-5);
      // The evaluation's MSE, against the same double computation.
      double mse = 0;
      float[] f = m.logits(data.images());
      for (int e = 0; e < n; e++) {
        mse += Math.pow(f[e] - (2 * data.labels()[e] - 1), 2) / n;
      }
      assertEquals(mse, trainer.evaluate(data).meanLoss(), 1e-6 * mse);
    }
  }

  @Test
  void batchSizesAndLossesParseOrSayWhatWasExpected() {
    assertEquals(TrainConfig.FULL_BATCH, TrainConfig.parseBatchSize("full"));
    assertEquals(64, TrainConfig.parseBatchSize("64"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.parseBatchSize("0"));
    assertEquals("batch size is '0', expected a positive number or full", e.getMessage());
    assertEquals(LossFunction.MSE, LossFunction.parse("mse"));
    assertEquals(LossFunction.BINARY_CROSSENTROPY, LossFunction.parse(null));
    assertThrows(IllegalArgumentException.class, () -> LossFunction.parse("hinge"));
    assertEquals(4, TrainConfig.defaults(1, 1).stepsPerEpoch(100));
  }
}
