package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.io.NpyArray;
import org.junit.jupiter.api.Test;

/** Every layer's TensorFlow forward pass against the naive Java loops, including odd sizes. */
class LayerForwardTest {
  /** Builds {@code layers + Flatten + Dense(1)}, sets random weights, and compares logits and conjugate features. */
  static void assertMatchesNaive(List<Layer> body, int h, int w, int c, long seed) {
    List<Layer> layers = new ArrayList<>(body);
    layers.add(new Flatten("flatten_ref"));
    layers.add(new Dense("head", 1, Activation.LINEAR));
    Random rnd = new Random(seed);
    try (Model m = Model.of(new Sequential(layers), new long[] {h, w, c})) {
      Map<String, NpyArray> values = new LinkedHashMap<>();
      Map<String, double[]> doubles = new LinkedHashMap<>();
      for (Parameter p : m.parameters()) {
        float[] v = new float[p.size()];
        double[] d = new double[p.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) rnd.nextGaussian() * 0.5f; // non-zero biases too
          d[i] = v[i];
        }
        values.put(p.name(), NpyArray.ofFloats(p.shape(), v));
        doubles.put(p.name(), d);
      }
      m.setWeights(Weights.of(values));
      int n = 5;
      float[] px = new float[n * h * w * c];
      for (int i = 0; i < px.length; i++) {
        px[i] = rnd.nextFloat();
      }
      Images x = new Images(n, h, w, c, px);
      float[] logits = m.logits(x);
      float[] conj = m.conjugateFeatures(x);
      int dim = m.conjugateDimension();
      for (int e = 0; e < n; e++) {
        double[] img = new double[h * w * c];
        for (int i = 0; i < img.length; i++) {
          img[i] = px[e * img.length + i];
        }
        double[] feat = NaiveNet.forward(layers.subList(0, layers.size() - 1), doubles, img, new int[] {h, w, c});
        assertEquals(dim, feat.length, "conjugate width");
        for (int j = 0; j < dim; j++) {
          assertEquals(feat[j], conj[e * dim + j], 1e-4 * (1 + Math.abs(feat[j])), "feature " + j);
        }
        double logit = NaiveNet.forward(layers, doubles, img, new int[] {h, w, c})[0];
        assertEquals(logit, logits[e], 1e-4 * (1 + Math.abs(logit)), "logit of example " + e);
      }
    }
  }

  @Test
  void convSameOddSizeAndMaxPoolSevenToFour() {
    // 7x7 -> 3x3 same conv -> 2x2/2 same max pool -> 4x4: asymmetric padding in both.
    assertMatchesNaive(List.of(
        new Conv2D("c", 4, 3, Padding.SAME, Activation.RELU),
        Pooling2D.max("p", 2, Padding.SAME)), 7, 7, 2, 1);
  }

  @Test
  void convValidStridedDilatedAndRectangular() {
    assertMatchesNaive(List.of(
        new Conv2D("a", 3, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, Padding.VALID, Activation.TANH, true),
        new Conv2D("b", 2, new int[] {2, 2}, new int[] {1, 1}, new int[] {2, 2}, Padding.SAME, Activation.LINEAR, false)),
        9, 8, 3, 2);
    assertMatchesNaive(List.of(
        new Conv2D("v", 2, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 3}, Padding.VALID, Activation.RELU, true)),
        9, 10, 2, 7);
    assertMatchesNaive(List.of(
        new Conv2D("s", 3, new int[] {4, 4}, new int[] {3, 3}, new int[] {1, 1}, Padding.SAME, Activation.RELU, true)),
        10, 11, 1, 3);
  }

  @Test
  void averageAndValidPooling() {
    assertMatchesNaive(List.of(
        new Pooling2D("avg", Pooling2D.Kind.AVERAGE, new int[] {3, 3}, new int[] {2, 2}, Padding.SAME),
        new Pooling2D("max", Pooling2D.Kind.MAX, new int[] {2, 3}, new int[] {1, 2}, Padding.VALID)),
        9, 9, 2, 4);
  }

  @Test
  void denseStackAndPixelSum() {
    assertMatchesNaive(List.of(new Flatten("f"), new Dense("d1", 7, Activation.RELU),
        new Dense("d2", 5, Activation.SIGMOID)), 4, 3, 2, 5);
    assertMatchesNaive(List.of(new PixelSum("sum"), new Flatten("f"), new Dense("d", 16, Activation.RELU)),
        28, 28, 1, 6);
  }

  @Test
  void studyPresetsMatchTheReference() {
    for (String preset : List.of("vgg", "mlp", "sum")) {
      NetworkSpec spec = NetworkSpec.preset(preset, 12, 12, 1);
      List<Layer> layers = spec.toSequential().layers();
      assertMatchesNaive(layers.subList(0, layers.size() - 1), 12, 12, 1, 8);
    }
  }
}
