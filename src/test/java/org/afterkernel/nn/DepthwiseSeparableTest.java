package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.linear.DenseMatrix;
import org.junit.jupiter.api.Test;

/**
 * DepthwiseConv2D and SeparableConv2D: the forward pass against the naive Java loops, and the
 * per-example gradients (closed form, one backward pass for the batch) against one-example
 * backpropagation, for strides, dilation, both paddings, depth multipliers and no bias.
 */
class DepthwiseSeparableTest {
  private static final int[] ONE = {1, 1};

  private static DepthwiseConv2D depthwise(String name, int[] k, int mult, int[] s, int[] d, Padding p,
      Activation a, boolean bias) {
    return new DepthwiseConv2D(name, k, mult, s, d, p, a, bias);
  }

  private static Images images(int n, int h, int w, int c, Random rnd) {
    float[] px = new float[n * h * w * c];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat();
    }
    return new Images(n, h, w, c, px);
  }

  @Test
  void depthwiseForwardMatchesNaiveLoops() {
    LayerForwardTest.assertMatchesNaive(List.of(
        depthwise("dw", new int[] {3, 3}, 1, ONE, ONE, Padding.SAME, Activation.RELU, true),
        depthwise("dw2", new int[] {3, 2}, 2, new int[] {2, 2}, ONE, Padding.VALID, Activation.TANH, false),
        depthwise("dw3", new int[] {2, 2}, 3, ONE, new int[] {2, 2}, Padding.SAME, Activation.LINEAR, true)),
        9, 8, 2, 21);
  }

  @Test
  void separableForwardMatchesNaiveLoops() {
    LayerForwardTest.assertMatchesNaive(List.of(
        new SeparableConv2D("sep", 4, new int[] {3, 3}, 1, new int[] {2, 2}, ONE, Padding.SAME, Activation.RELU, true),
        new SeparableConv2D("sep2", 3, new int[] {2, 3}, 2, ONE, new int[] {1, 2}, Padding.VALID, Activation.LINEAR,
            false)),
        10, 9, 3, 22);
  }

  @Test
  void perExampleGradientsMatchOneExampleBackpropagation() {
    Functional net = new Functional("in", List.of(
        new Functional.Node(depthwise("dw", new int[] {3, 3}, 2, new int[] {2, 2}, ONE, Padding.SAME,
            Activation.RELU, true), List.of("in")),
        new Functional.Node(new SeparableConv2D("sep", 3, new int[] {2, 2}, 2, ONE, new int[] {2, 2},
            Padding.SAME, Activation.TANH, true), List.of("dw")),
        new Functional.Node(depthwise("dw2", new int[] {2, 3}, 1, ONE, ONE, Padding.VALID, Activation.LINEAR,
            false), List.of("sep")),
        new Functional.Node(new SeparableConv2D("sep2", 2, new int[] {3, 3}, 1, new int[] {2, 2}, ONE,
            Padding.VALID, Activation.SIGMOID, false), List.of("dw2")),
        new Functional.Node(new Flatten("flat"), List.of("sep2")),
        new Functional.Node(new Dense("out", 2, Activation.LINEAR), List.of("flat"))),
        "out", OutputHead.difference(1, 0));
    try (Model m = Model.of(net, new long[] {11, 12, 2})) {
      FunctionalTest.randomWeights(m, new Random(31));
      Images x = images(5, 11, 12, 2, new Random(32));
      DenseMatrix ref = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE).features(x);
      assertEquals(m.parameterCount(), ref.cols());
      for (Implementation batched : List.of(Implementation.BATCHED, Implementation.BATCHED_PATCHES)) {
        FunctionalTest.assertRowsAgree(ref, FeatureMap.of(m, FeatureKind.NTK, batched).features(x), 1e-5);
      }
    }
  }

  @Test
  void variablesInKerasOrderWithKerasShapes() {
    Sequential net = new Sequential(List.of(
        new SeparableConv2D("sep", 5, new int[] {3, 3}, 2, ONE, ONE, Padding.SAME, Activation.RELU, true),
        depthwise("dw", new int[] {3, 3}, 3, ONE, ONE, Padding.VALID, Activation.RELU, true),
        new Flatten("f"), new Dense("out", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {6, 6, 3})) {
      List<Parameter> p = m.parameters();
      assertEquals(List.of("sep/depthwise_kernel", "sep/pointwise_kernel", "sep/bias", "dw/depthwise_kernel",
          "dw/bias", "out/kernel", "out/bias"), p.stream().map(Parameter::name).toList());
      assertArrayEquals(new long[] {3, 3, 3, 2}, p.get(0).shape());
      assertArrayEquals(new long[] {1, 1, 6, 5}, p.get(1).shape());
      assertArrayEquals(new long[] {3, 3, 5, 3}, p.get(3).shape());
      assertArrayEquals(new long[] {15}, p.get(4).shape());
      assertArrayEquals(new long[] {4, 4, 15}, m.network().layers().get(1).outputShape(new long[] {6, 6, 5}));
    }
  }

  @Test
  void badHyperparametersAreRefusedNamingTheLayer() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> depthwise("dw", new int[] {3, 3}, 1, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME,
            Activation.RELU, true));
    assertEquals(true, e.getMessage().contains("'dw'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SeparableConv2D("sep", 2, new int[] {3, 3}, 1, new int[] {2, 1}, ONE, Padding.SAME,
            Activation.RELU, true));
    assertEquals(true, e.getMessage().contains("'sep'") && e.getMessage().contains("equal strides"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> depthwise("dw", new int[] {5, 5}, 1, ONE, ONE, Padding.VALID, Activation.RELU, true)
            .outputShape(new long[] {3, 3, 1}));
    assertEquals(true, e.getMessage().contains("'dw'") && e.getMessage().contains("[3, 3, 1]"), e.getMessage());
  }
}
