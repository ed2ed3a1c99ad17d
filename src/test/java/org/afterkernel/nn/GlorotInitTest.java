package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras's glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out)), conv fans multiplied by the
 * receptive field. Checked on large tensors built through the real layers, against the formula.
 */
class GlorotInitTest {
  /** Checks range, mean and variance l^2/3 of {@code v} for the limit implied by the given fans. */
  private static void assertUniform(float[] v, double fanIn, double fanOut) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double sum = 0;
    double sumSq = 0;
    for (float x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      sumSq += (double) x * x;
    }
    double mean = sum / v.length;
    double var = sumSq / v.length - mean * mean;
    assertTrue(max <= limit + 1e-7 && min >= -limit - 1e-7, "range [" + min + ", " + max + "] within " + limit);
    assertTrue(max > 0.999 * limit && min < -0.999 * limit, "range reaches the limit " + limit);
    // For U(-l, l), Var(x^2) = l^4/5 - l^4/9 = 4 l^4 / 45: allow five standard errors.
    double expectedVar = limit * limit / 3;
    double standardError = limit * limit * Math.sqrt(4.0 / 45) / Math.sqrt(v.length);
    assertEquals(expectedVar, var, 5 * standardError, "variance l^2/3");
    assertEquals(0, mean, limit * 5 / Math.sqrt(3 * v.length), "mean 0");
  }

  @Test
  void convolutionKernelsUseKerasFansAndBiasesAreZero() {
    // Kernel (3, 3, 64, 128): fan_in = 9*64 = 576, fan_out = 9*128 = 1152.
    Sequential net = new Sequential(List.of(
        new Conv2D("conv", 128, 3, Padding.SAME, Activation.RELU),
        new Flatten("flat"),
        new Dense("out", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {2, 2, 64})) {
      m.initialize(7);
      Weights w = m.weights();
      assertUniform(w.get("conv/kernel").asFloats(), 576, 1152);
      for (float b : w.get("conv/bias").asFloats()) {
        assertEquals(0f, b);
      }
    }
  }

  @Test
  void denseKernelsUseInAndOut() {
    Sequential net = new Sequential(List.of(
        new Flatten("flat"), new Dense("hidden", 700, Activation.RELU), new Dense("out", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {10, 10, 3})) {
      m.initialize(11);
      assertUniform(m.weights().get("hidden/kernel").asFloats(), 300, 700);
    }
  }

  @Test
  void theSeedFixesTheValuesAndDifferentSeedsDiffer() {
    NetworkSpec spec = NetworkSpec.preset("vgg", 28, 28, 1);
    try (Model a = Model.create(spec, 3); Model b = Model.create(spec, 3); Model c = Model.create(spec, 4)) {
      float[] ka = a.weights().get("conv2d_3/kernel").asFloats();
      assertTrue(java.util.Arrays.equals(ka, b.weights().get("conv2d_3/kernel").asFloats()));
      assertTrue(!java.util.Arrays.equals(ka, c.weights().get("conv2d_3/kernel").asFloats()));
    }
  }
}
