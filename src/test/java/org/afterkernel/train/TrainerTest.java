package org.afterkernel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Progress;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.Flatten;
import org.afterkernel.nn.Layer;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.Sequential;
import org.afterkernel.nn.Weights;
import org.junit.jupiter.api.Test;

class TrainerTest {
  /** Random images whose label is whether the mean of the first half of pixels exceeds the second's. */
  static LabeledImages synthetic(int n, int h, int w, long seed) {
    Random r = new Random(seed);
    float[] px = new float[n * h * w];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double a = 0;
      for (int j = 0; j < h * w; j++) {
        px[i * h * w + j] = r.nextFloat();
        a += j < h * w / 2 ? px[i * h * w + j] : -px[i * h * w + j];
      }
      y[i] = a > 0 ? 1 : 0;
    }
    return new LabeledImages(new Images(n, h, w, 1, px), y);
  }

  @Test
  void oneEpochEqualsPlainSgdOnLogisticRegressionIncludingThePartialBatch() {
    int n = 70; // batches of 32, 32 and 6
    LabeledImages data = synthetic(n, 3, 3, 1);
    List<Layer> layers = List.of(new Flatten("f"), new Dense("d", 1, Activation.LINEAR));
    try (Model m = Model.of(new Sequential(layers), new long[] {3, 3, 1})) {
      m.initialize(4);
      double[] w = new double[9];
      float[] w0 = m.weights().get("d/kernel").asFloats();
      for (int i = 0; i < 9; i++) {
        w[i] = w0[i];
      }
      double b = 0;
      double lr = 0.5;
      TrainConfig cfg = new TrainConfig(1, lr, 32, null, Augmentation.NONE, 9);
      new Trainer(m, data, cfg).trainEpoch(Progress.silent());
      // Reference: mini-batch SGD on the mean logistic loss, in double, same visiting order.
      int[] order = Trainer.epochOrder(9, 1, n);
      for (int from = 0; from < n; from += 32) {
        int size = Math.min(32, n - from);
        double[] gw = new double[9];
        double gb = 0;
        for (int k = from; k < from + size; k++) {
          int e = order[k];
          double z = b;
          for (int i = 0; i < 9; i++) {
            z += w[i] * data.images().pixels()[e * 9 + i];
          }
          double err = 1 / (1 + Math.exp(-z)) - data.labels()[e];
          for (int i = 0; i < 9; i++) {
            gw[i] += err * data.images().pixels()[e * 9 + i] / size;
          }
          gb += err / size;
        }
        for (int i = 0; i < 9; i++) {
          w[i] -= lr * gw[i];
        }
        b -= lr * gb;
      }
      Weights after = m.weights();
      float[] kernel = after.get("d/kernel").asFloats();
      for (int i = 0; i < 9; i++) {
        assertEquals(w[i], kernel[i], 1e-5, "kernel " + i);
      }
      assertEquals(b, after.get("d/bias").asFloats()[0], 1e-5);
    }
  }

  @Test
  void theSeedMakesTrainingBitIdenticalAndEpochsCanBeSplit() {
    LabeledImages data = synthetic(300, 8, 8, 2);
    NetworkSpec spec = NetworkSpec.preset("vgg", 8, 8, 1).withWidth(4);
    TrainConfig cfg = new TrainConfig(3, 0.05, 32, null, Augmentation.ORIGINAL, 17);
    float[] a;
    double[] lossesA;
    try (Model m = Model.create(spec, 17)) {
      lossesA = new Trainer(m, data, cfg).fit(EpochListener.NONE, false).losses();
      a = m.weights().get("conv2d_3/kernel").asFloats();
    }
    try (Model m = Model.create(spec, 17)) {
      double[] lossesB = new Trainer(m, data, cfg).fit(EpochListener.NONE, false).losses();
      assertArrayEquals(lossesA, lossesB, 0.0, "losses bit-identical");
      assertArrayEquals(a, m.weights().get("conv2d_3/kernel").asFloats(), 0f, "weights bit-identical");
    }
    try (Model m = Model.create(spec, 17)) {
      Trainer t = new Trainer(m, data, cfg);
      List<Double> losses = new ArrayList<>();
      for (int e = 0; e < 3; e++) {
        losses.add(t.trainEpoch(Progress.silent()).loss());
      }
      assertArrayEquals(lossesA, losses.stream().mapToDouble(Double::doubleValue).toArray(), 0.0);
      assertArrayEquals(a, m.weights().get("conv2d_3/kernel").asFloats(), 0f, "epoch by epoch = all at once");
    }
    try (Model m = Model.create(spec, 18)) {
      double[] other = new Trainer(m, data, cfg.withSeed(18)).fit(EpochListener.NONE, false).losses();
      assertTrue(other[0] != lossesA[0], "another seed gives another run");
    }
  }

  @Test
  void divergenceStopsWithTheEpochAndStep() {
    LabeledImages data = synthetic(200, 6, 6, 3);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 6, 6, 1).withWidth(32), 1)) {
      TrainConfig cfg = new TrainConfig(5, 1e4, 32, null, Augmentation.NONE, 1);
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> new Trainer(m, data, cfg).fit(EpochListener.NONE, false));
      assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", step " + e.step()), e.getMessage());
      assertTrue(e.getMessage().contains("NaN") || e.getMessage().contains("Infinity"), e.getMessage());
    }
  }

  @Test
  void lossTargetFollowsTheDoublingScheduleUpToTheCap() {
    LabeledImages data = synthetic(64, 4, 4, 5);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 4, 4, 1).withWidth(8), 1)) {
      // An unreachable target: passes of 10, 20 then the remaining 5 (cap 35).
      TrainConfig cfg = new TrainConfig(35, 0.01, 32, 1e-9, Augmentation.NONE, 1);
      TrainingHistory h = new Trainer(m, data, cfg).fit(EpochListener.NONE, false);
      assertEquals(List.of(10, 30, 35), h.lossChecks().stream().map(TrainingHistory.LossCheck::afterEpoch).toList());
      assertEquals("max-epochs", h.stopReason());
      assertEquals(35, h.epochs());
    }
    try (Model m = Model.create(NetworkSpec.preset("mlp", 4, 4, 1).withWidth(8), 1)) {
      // A target met after the first pass stops there.
      TrainConfig cfg = new TrainConfig(1000, 0.01, 32, 10.0, Augmentation.NONE, 1);
      TrainingHistory h = new Trainer(m, data, cfg).fit(EpochListener.NONE, false);
      assertEquals(10, h.epochs());
      assertEquals("loss-target", h.stopReason());
    }
  }
}
