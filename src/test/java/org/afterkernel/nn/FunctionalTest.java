package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.io.NpyArray;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.NaiveNet.Tensor3;
import org.junit.jupiter.api.Test;

/**
 * A functional network with a squeeze-excite block (global average pooling, Dense(relu),
 * Dense(sigmoid), Reshape to (1, 1, C), Multiply broadcast over the feature map), a
 * concatenation, an addition and batch normalisation: the forward pass against the naive loops,
 * the heads, and the batched per-example gradients against one-example tf.gradients.
 */
class FunctionalTest {
  private static final int H = 6;
  private static final int W = 5;
  private static final int C = 2;

  private static Functional network(OutputHead head) {
    return new Functional("in", List.of(
        new Functional.Node(new Conv2D("c1", 4, 3, Padding.SAME, Activation.RELU), List.of("in")),
        new Functional.Node(new GlobalPooling2D("gap", Pooling2D.Kind.AVERAGE, false), List.of("c1")),
        new Functional.Node(new Dense("se1", 2, Activation.RELU), List.of("gap")),
        new Functional.Node(new Dense("se2", 4, Activation.SIGMOID), List.of("se1")),
        new Functional.Node(new Reshape("rs", new long[] {1, 1, 4}), List.of("se2")),
        new Functional.Node(new ElementwiseMerge("mul", ElementwiseMerge.Kind.MULTIPLY), List.of("c1", "rs")),
        new Functional.Node(new Conv2D("c2", 4, 1, Padding.VALID, Activation.LINEAR), List.of("in")),
        new Functional.Node(new ElementwiseMerge("add", ElementwiseMerge.Kind.ADD), List.of("mul", "c2")),
        new Functional.Node(new Concatenate("cat", -1), List.of("add", "c2")),
        new Functional.Node(new BatchNormalization("bn", 1e-3f, true, true,
            new float[] {0.1f, -0.1f, 0.2f, 0f, 0.3f, -0.2f, 0.1f, 0.05f},
            new float[] {0.5f, 1f, 1.5f, 2f, 0.7f, 0.9f, 1.1f, 1.3f}), List.of("cat")),
        new Functional.Node(new Flatten("flat"), List.of("bn")),
        new Functional.Node(new Identity("drop", "Dropout"), List.of("flat")),
        new Functional.Node(new Dense("out", 3, Activation.LINEAR), List.of("drop"))),
        "out", head);
  }

  /** The same network by hand, in double precision, for one image. */
  private static double[] naive(Functional net, Map<String, double[]> w, double[] img) {
    Map<String, Layer> l = new LinkedHashMap<>();
    net.nodes().forEach(n -> l.put(n.name(), n.layer()));
    Tensor3 x = new Tensor3(img, new int[] {H, W, C});
    Tensor3 c1 = NaiveNet.apply(l.get("c1"), w, x);
    Tensor3 gap = NaiveNet.apply(l.get("gap"), w, c1);
    Tensor3 gate = NaiveNet.apply(l.get("se2"), w, NaiveNet.apply(l.get("se1"), w, gap));
    double[] mul = new double[c1.v().length];
    for (int i = 0; i < mul.length; i++) {
      mul[i] = c1.v()[i] * gate.v()[i % 4]; // the (1, 1, 4) gate broadcast over rows and columns
    }
    Tensor3 c2 = NaiveNet.apply(l.get("c2"), w, x);
    double[] cat = new double[mul.length * 2];
    for (int p = 0; p < H * W; p++) {
      for (int k = 0; k < 4; k++) {
        cat[p * 8 + k] = mul[p * 4 + k] + c2.v()[p * 4 + k];
        cat[p * 8 + 4 + k] = c2.v()[p * 4 + k];
      }
    }
    Tensor3 bn = NaiveNet.apply(l.get("bn"), w, new Tensor3(cat, new int[] {H, W, 8}));
    return NaiveNet.apply(l.get("out"), w, new Tensor3(bn.v(), new int[] {bn.v().length})).v();
  }

  /** Gaussian weights of standard deviation 0.5, set on the model and returned in double. */
  static Map<String, double[]> randomWeights(Model m, Random rnd) {
    Map<String, NpyArray> values = new LinkedHashMap<>();
    Map<String, double[]> doubles = new LinkedHashMap<>();
    for (Parameter p : m.parameters()) {
      float[] v = new float[p.size()];
      double[] d = new double[p.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rnd.nextGaussian() * 0.5f;
        d[i] = v[i];
      }
      values.put(p.name(), NpyArray.ofFloats(p.shape(), v));
      doubles.put(p.name(), d);
    }
    m.setWeights(Weights.of(values));
    return doubles;
  }

  private static Images images(int n, Random rnd) {
    float[] px = new float[n * H * W * C];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat();
    }
    return new Images(n, H, W, C, px);
  }

  @Test
  void forwardPassHeadsAndConjugateMatchTheNaiveNetwork() {
    Random rnd = new Random(3);
    Images x = images(4, rnd);
    for (OutputHead head : List.of(OutputHead.index(1), OutputHead.difference(2, 0))) {
      Functional net = network(head);
      try (Model m = Model.of(net, new long[] {H, W, C})) {
        Map<String, double[]> w = randomWeights(m, new Random(5));
        float[] logits = m.logits(x);
        float[] conj = m.conjugateFeatures(x);
        assertEquals(H * W * 8, m.conjugateDimension(), "conjugate = input of the final Dense");
        for (int e = 0; e < x.count(); e++) {
          double[] img = new double[H * W * C];
          for (int i = 0; i < img.length; i++) {
            img[i] = x.pixels()[e * img.length + i];
          }
          double[] z = naive(net, w, img);
          double expected = head.kind() == OutputHead.Kind.INDEX ? z[1] : z[2] - z[0];
          assertEquals(expected, logits[e], 1e-4 * (1 + Math.abs(expected)), "logit of example " + e);
        }
        assertTrue(conj.length == x.count() * H * W * 8);
        assertEquals(List.of("c1/kernel", "c1/bias", "se1/kernel", "se1/bias", "se2/kernel", "se2/bias",
            "c2/kernel", "c2/bias", "bn/gamma", "bn/beta", "out/kernel", "out/bias"),
            m.parameters().stream().map(Parameter::name).toList(), "variables in Keras (layer) order");
      }
    }
  }

  @Test
  void batchedPerExampleGradientsMatchOneExampleGradients() {
    Random rnd = new Random(7);
    Images x = images(3, rnd);
    try (Model m = Model.of(network(OutputHead.difference(0, 2)), new long[] {H, W, C})) {
      randomWeights(m, new Random(9));
      DenseMatrix ref = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE).features(x);
      assertEquals(m.parameterCount(), ref.cols());
      for (Implementation batched : List.of(Implementation.BATCHED, Implementation.BATCHED_PATCHES)) {
        assertRowsAgree(ref, FeatureMap.of(m, FeatureKind.NTK, batched).features(x), 1e-5);
      }
    }
  }

  @Test
  void perExampleGradientsOfBatchNormalizationAndPositionalDense() {
    List<Layer> layers = List.of(
        new Conv2D("c", 3, 2, Padding.SAME, Activation.RELU),
        new BatchNormalization("bn", 1e-3f, true, true, new float[] {0.2f, -0.1f, 0.3f}, new float[] {0.4f, 1.2f, 2f}),
        new Dense("pos", 2, Activation.TANH),
        new BatchNormalization("bn2", 1e-2f, false, true, new float[] {0.1f, 0.2f}, new float[] {1f, 0.5f}),
        new Flatten("f"),
        new Dense("head", 1, Activation.LINEAR));
    try (Model m = Model.of(new Sequential(layers), new long[] {H, W, C})) {
      randomWeights(m, new Random(11));
      Images x = images(3, new Random(13));
      DenseMatrix ref = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE).features(x);
      for (Implementation batched : List.of(Implementation.BATCHED, Implementation.BATCHED_PATCHES)) {
        assertRowsAgree(ref, FeatureMap.of(m, FeatureKind.NTK, batched).features(x), 1e-5);
      }
    }
  }

  @Test
  void badGraphsAreRefused() {
    Layer d = new Dense("d", 1, Activation.LINEAR);
    assertThrows(IllegalArgumentException.class, () -> new Functional("in",
        List.of(new Functional.Node(d, List.of("later"))), "d", OutputHead.single()));
    assertThrows(IllegalArgumentException.class, () -> new Functional("in",
        List.of(new Functional.Node(new Flatten("f"), List.of("in"))), "nothing", OutputHead.single()));
    AkException e = assertThrows(AkException.class,
        () -> Model.of(network(OutputHead.single()), new long[] {H, W, C}).close());
    assertTrue(e.getMessage().contains("3 components"), e.getMessage());
    e = assertThrows(AkException.class,
        () -> Model.of(network(OutputHead.index(3)), new long[] {H, W, C}).close());
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
        () -> new ElementwiseMerge("m", ElementwiseMerge.Kind.ADD).outputShape(List.of(new long[] {2, 2, 3}, new long[] {2, 2, 4})));
    assertTrue(m.getMessage().contains("'m'") && m.getMessage().contains("[2, 2, 4]"), m.getMessage());
  }

  static void assertRowsAgree(DenseMatrix expected, DenseMatrix actual, double rel) {
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.cols(), actual.cols());
    for (int i = 0; i < expected.rows(); i++) {
      double max = 0;
      for (int j = 0; j < expected.cols(); j++) {
        max = Math.max(max, Math.abs(expected.get(i, j)));
      }
      assertTrue(max > 0, "row " + i + " is all zero: the comparison would be vacuous");
      for (int j = 0; j < expected.cols(); j++) {
        assertEquals(expected.get(i, j), actual.get(i, j), rel * max, "row " + i + " col " + j);
      }
    }
  }
}
