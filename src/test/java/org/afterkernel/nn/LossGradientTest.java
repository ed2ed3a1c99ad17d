package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.afterkernel.io.NpyArray;
import org.afterkernel.tf.Tensors;
import org.afterkernel.train.LossFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph's gradients of the training loss against central finite differences of the loss
 * computed in double precision by the naive reference network.
 */
class LossGradientTest {
  @Test
  void gradientsOfTheMeanBinaryCrossEntropyMatchFiniteDifferences() {
    assertGradientsMatch(List.of(
        new Conv2D("conv", 3, 3, Padding.SAME, Activation.RELU),
        Pooling2D.max("pool", 2, Padding.SAME),
        new Conv2D("conv2", 2, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, Padding.VALID, Activation.TANH, true),
        new Flatten("flat"),
        new Dense("hidden", 4, Activation.RELU),
        new Dense("out", 1, Activation.LINEAR)), 5, 5, 2);
  }

  @Test
  void stridedAndDilatedConvolutionGradientsMatchFiniteDifferences() {
    assertGradientsMatch(List.of(
        new Conv2D("dilated", 2, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, Padding.SAME, Activation.TANH, true),
        new Pooling2D("avg", Pooling2D.Kind.AVERAGE, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME),
        new Conv2D("strided", 2, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, Padding.SAME, Activation.TANH, true),
        new Flatten("flat"),
        new Dense("out", 1, Activation.LINEAR)), 7, 6, 1);
  }

  @Test
  void gradientsOfTheMeanSquaredErrorToPlusMinusOneMatchFiniteDifferences() {
    assertGradientsMatch(List.of(
        new Flatten("flat"),
        new Dense("hidden", 5, Activation.TANH, false),
        new Dense("hidden2", 4, Activation.RELU),
        new Dense("out", 1, Activation.LINEAR, false)), 4, 3, 1, LossFunction.MSE);
  }

  private static void assertGradientsMatch(List<Layer> layers, int h, int w, int c) {
    assertGradientsMatch(layers, h, w, c, LossFunction.BINARY_CROSSENTROPY);
  }

  private static void assertGradientsMatch(List<Layer> layers, int h, int w, int c, LossFunction lossFunction) {
    int n = 3;
    Random rnd = new Random(42);
    float[] px = new float[n * h * w * c];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat();
    }
    float[] labels = {0f, 1f, 1f};
    try (Model m = Model.of(new Sequential(layers), new long[] {h, w, c})) {
      Map<String, NpyArray> values = new LinkedHashMap<>();
      Map<String, double[]> theta = new LinkedHashMap<>();
      for (Parameter p : m.parameters()) {
        float[] v = new float[p.size()];
        double[] d = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (rnd.nextGaussian() * 0.7);
          d[i] = v[i];
        }
        values.put(p.name(), NpyArray.ofFloats(p.shape(), v));
        theta.put(p.name(), d);
      }
      m.setWeights(Weights.of(values));

      Ops tf = m.tf();
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class);
      Operand<TFloat32> loss = lossFunction.mean(tf, m.logitsOp(), y);
      Gradients g = tf.gradients(loss, m.parameters().stream().map(Parameter::variable).toList());
      var runner = m.session().runner();
      try (TFloat32 xs = Tensors.floats(new long[] {n, h, w, c}, px);
          TFloat32 ys = Tensors.floats(new long[] {n}, labels)) {
        runner.feed(m.input(), xs).feed(y, ys);
        for (int i = 0; i < m.parameters().size(); i++) {
          runner.fetch(g.dy(i));
        }
        try (Result r = runner.run()) {
          int checked = 0;
          for (int i = 0; i < m.parameters().size(); i++) {
            Parameter p = m.parameters().get(i);
            float[] graphGrad = Tensors.toFloats((TFloat32) r.get(i));
            double[] t = theta.get(p.name());
            for (int k = 0; k < t.length; k++) {
              double eps = 1e-6;
              double keep = t[k];
              t[k] = keep + eps;
              double up = meanLoss(layers, theta, px, labels, h, w, c, lossFunction);
              t[k] = keep - eps;
              double down = meanLoss(layers, theta, px, labels, h, w, c, lossFunction);
              t[k] = keep;
              double fd = (up - down) / (2 * eps);
              assertEquals(fd, graphGrad[k], 2e-5 + 1e-3 * Math.abs(fd), p.name() + "[" + k + "]");
              checked++;
            }
          }
          assertTrue(checked >= 50, "checked " + checked + " partial derivatives");
        }
      }
    }
  }

  private static double meanLoss(
      List<Layer> layers, Map<String, double[]> theta, float[] px, float[] labels, int h, int w, int c,
      LossFunction lossFunction) {
    int size = h * w * c;
    double sum = 0;
    for (int e = 0; e < labels.length; e++) {
      double[] img = new double[size];
      for (int i = 0; i < size; i++) {
        img[i] = px[e * size + i];
      }
      double logit = NaiveNet.forward(layers, theta, img, new int[] {h, w, c})[0];
      // The reference losses, written out here rather than taken from the code under test.
      double z = labels[e];
      sum += lossFunction == LossFunction.MSE ? Math.pow(logit - (2 * z - 1), 2)
          : Math.max(logit, 0) - logit * z + Math.log1p(Math.exp(-Math.abs(logit)));
    }
    return sum / labels.length;
  }
}
