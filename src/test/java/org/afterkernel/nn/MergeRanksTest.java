package org.afterkernel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.NaiveNet.Tensor3;
import org.afterkernel.tf.TensorFlowRuntime;
import org.afterkernel.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keras's merge layers on inputs of different rank (Keras 2's {@code _Merge}: lower-rank inputs
 * get new axes at position 1, after the batch, then broadcast): shapes, values worked out by hand,
 * and the per-example gradients of a squeeze-excite network without a Reshape against
 * one-example backpropagation.
 */
class MergeRanksTest {
  private static long[] shape(long... dims) {
    return dims;
  }

  @Test
  void lowerRanksGetNewAxesAfterTheBatchAxis() {
    ElementwiseMerge mul = new ElementwiseMerge("m", ElementwiseMerge.Kind.MULTIPLY);
    assertArrayEquals(shape(14, 14, 64), mul.outputShape(List.of(shape(14, 14, 64), shape(64))));
    assertArrayEquals(shape(14, 14, 64), mul.outputShape(List.of(shape(64), shape(14, 14, 64))));
    assertArrayEquals(shape(2, 3), mul.outputShape(List.of(shape(2, 1), shape(3))), "(2,1) x (1,3)");
    assertArrayEquals(shape(5, 2, 3), mul.outputShape(List.of(shape(5, 1, 3), shape(3), shape(2, 1))));
    assertArrayEquals(shape(4, 3), mul.outputShape(List.of(shape(4, 3), shape(1, 3))), "equal ranks as before");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mul.outputShape(List.of(shape(4, 3), shape(4))));
    assertEquals("ElementwiseMerge layer 'm' received input shapes [[4, 3], [4]], expected shapes that agree or"
        + " broadcast (a dimension of 1), lower ranks expanded with new axes after the batch axis as Keras does",
        e.getMessage(), "(4) becomes (1, 4), which does not broadcast with (4, 3)");
    ElementwiseMerge sub = new ElementwiseMerge("s", ElementwiseMerge.Kind.SUBTRACT);
    assertThrows(IllegalArgumentException.class, () -> sub.outputShape(List.of(shape(3), shape(3), shape(3))));
  }

  /** Runs {@code layer} on a batch of {@code batch} examples per input (row-major values). */
  private static float[] run(ElementwiseMerge layer, int batch, List<long[]> shapes, List<float[]> values) {
    try (Graph g = new Graph(); Session s = TensorFlowRuntime.session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> ins = new ArrayList<>();
      for (long[] sh : shapes) {
        long[] full = new long[sh.length + 1];
        full[0] = -1;
        System.arraycopy(sh, 0, full, 1, sh.length);
        ins.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(full))));
      }
      layer.build(new BuildContext(tf), shapes);
      Operand<TFloat32> out = layer.call(tf, ins, new ArrayList<>());
      Session.Runner r = s.runner();
      List<TFloat32> feeds = new ArrayList<>();
      try {
        for (int i = 0; i < shapes.size(); i++) {
          long[] full = new long[shapes.get(i).length + 1];
          full[0] = batch;
          System.arraycopy(shapes.get(i), 0, full, 1, shapes.get(i).length);
          TFloat32 t = Tensors.floats(full, values.get(i));
          feeds.add(t);
          r.feed(ins.get(i), t);
        }
        try (Result res = r.fetch(out).run()) {
          return Tensors.toFloats((TFloat32) res.get(0));
        }
      } finally {
        feeds.forEach(TFloat32::close);
      }
    }
  }

  @Test
  void aGateOfRankOneScalesEveryPositionOfItsOwnExample() {
    // Two examples of (2, 2, 3) feature maps and (3) gates. Example 0's gate is (1, 10, 100),
    // example 1's is (2, 0, -1). Broadcasting the gate without Keras's new axes would pair it with
    // the column axis (both of size 2) and mix the examples up.
    float[] x = {
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
    float[] gate = {1, 10, 100, 2, 0, -1};
    float[] expected = {
      1, 20, 300, 4, 50, 600, 7, 80, 900, 10, 110, 1200,
      2, 0, -1, 4, 0, -2, 6, 0, -3, 8, 0, -4};
    assertArrayEquals(expected, run(new ElementwiseMerge("se", ElementwiseMerge.Kind.MULTIPLY), 2,
        List.of(shape(2, 2, 3), shape(3)), List.of(x, gate)));
    float[] gateFirst = run(new ElementwiseMerge("se", ElementwiseMerge.Kind.MULTIPLY), 2,
        List.of(shape(3), shape(2, 2, 3)), List.of(gate, x));
    assertArrayEquals(expected, gateFirst, "the order of the inputs does not matter");
  }

  @Test
  void subtractAverageMaximumAndMinimumOnMixedRanks() {
    // One example: a = [[1], [2]] of shape (2, 1), b = [10, 20, 30] of shape (3) taken as (1, 3).
    float[] a = {1, 2};
    float[] b = {10, 20, 30};
    assertArrayEquals(new float[] {-9, -19, -29, -8, -18, -28},
        run(new ElementwiseMerge("s", ElementwiseMerge.Kind.SUBTRACT), 1, List.of(shape(2, 1), shape(3)),
            List.of(a, b)));
    assertArrayEquals(new float[] {9, 19, 29, 8, 18, 28},
        run(new ElementwiseMerge("s", ElementwiseMerge.Kind.SUBTRACT), 1, List.of(shape(3), shape(2, 1)),
            List.of(b, a)));
    // Average of (2, 3) [[3, 6, 9], [0, 3, 6]], (3) [0, 3, 0] and (1, 3) [3, 0, 3]: each / 3.
    assertArrayEquals(new float[] {2, 3, 4, 1, 2, 3},
        run(new ElementwiseMerge("avg", ElementwiseMerge.Kind.AVERAGE), 1,
            List.of(shape(2, 3), shape(3), shape(1, 3)),
            List.of(new float[] {3, 6, 9, 0, 3, 6}, new float[] {0, 3, 0}, new float[] {3, 0, 3})));
    // Maximum and minimum of (2, 2) [[1, 5], [7, -2]] and (2) [3, 0], two examples (the second's
    // vector is [0, 10]).
    float[] m = {1, 5, 7, -2, 1, 5, 7, -2};
    float[] v = {3, 0, 0, 10};
    assertArrayEquals(new float[] {3, 5, 7, 0, 1, 10, 7, 10},
        run(new ElementwiseMerge("max", ElementwiseMerge.Kind.MAXIMUM), 2, List.of(shape(2, 2), shape(2)),
            List.of(m, v)));
    assertArrayEquals(new float[] {1, 0, 3, -2, 0, 5, 0, -2},
        run(new ElementwiseMerge("min", ElementwiseMerge.Kind.MINIMUM), 2, List.of(shape(2, 2), shape(2)),
            List.of(m, v)));
    // Add: (2, 1, 2) [[[1, 2]], [[3, 4]]] + (2) [10, 20] + (1) [100].
    assertArrayEquals(new float[] {111, 122, 113, 124},
        run(new ElementwiseMerge("add", ElementwiseMerge.Kind.ADD), 1, List.of(shape(2, 1, 2), shape(2), shape(1)),
            List.of(new float[] {1, 2, 3, 4}, new float[] {10, 20}, new float[] {100})));
  }

  private static final int H = 5;
  private static final int W = 4;

  /**
   * A squeeze-excite network written as published Keras models write it, without a Reshape:
   * Conv2D -> GlobalAveragePooling2D -> Dense(relu) -> Dense(sigmoid), Multiply([map, gate]) with
   * the (C) gate, Add of a (C) shift from another Dense, Flatten, Dense(2).
   */
  private static Functional network() {
    return new Functional("in", List.of(
        new Functional.Node(new Conv2D("c1", 3, 3, Padding.SAME, Activation.TANH), List.of("in")),
        new Functional.Node(new GlobalPooling2D("gap", Pooling2D.Kind.AVERAGE, false), List.of("c1")),
        new Functional.Node(new Dense("se1", 2, Activation.RELU), List.of("gap")),
        new Functional.Node(new Dense("se2", 3, Activation.SIGMOID), List.of("se1")),
        new Functional.Node(new ElementwiseMerge("mul", ElementwiseMerge.Kind.MULTIPLY), List.of("c1", "se2")),
        new Functional.Node(new Dense("shift", 3, Activation.LINEAR), List.of("gap")),
        new Functional.Node(new ElementwiseMerge("add", ElementwiseMerge.Kind.ADD), List.of("shift", "mul")),
        new Functional.Node(new Flatten("flat"), List.of("add")),
        new Functional.Node(new Dense("out", 2, Activation.LINEAR), List.of("flat"))),
        "out", OutputHead.difference(1, 0));
  }

  /** The network by hand in double precision for one (H, W, 1) image: the gate and shift per channel. */
  private static double[] naive(Functional net, Map<String, double[]> w, double[] img) {
    Map<String, Layer> l = new LinkedHashMap<>();
    net.nodes().forEach(n -> l.put(n.name(), n.layer()));
    Tensor3 c1 = NaiveNet.apply(l.get("c1"), w, new Tensor3(img, new int[] {H, W, 1}));
    Tensor3 gap = NaiveNet.apply(l.get("gap"), w, c1);
    double[] gate = NaiveNet.apply(l.get("se2"), w, NaiveNet.apply(l.get("se1"), w, gap)).v();
    double[] shift = NaiveNet.apply(l.get("shift"), w, gap).v();
    double[] merged = new double[c1.v().length];
    for (int i = 0; i < merged.length; i++) {
      merged[i] = shift[i % 3] + c1.v()[i] * gate[i % 3];
    }
    return NaiveNet.apply(l.get("out"), w, new Tensor3(merged, new int[] {merged.length})).v();
  }

  private static Images images(int n, Random rnd) {
    float[] px = new float[n * H * W];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat();
    }
    return new Images(n, H, W, 1, px);
  }

  @Test
  void aSqueezeExciteNetworkWithoutReshapeComputesTheNaiveValues() {
    Images x = images(3, new Random(11));
    Functional net = network();
    try (Model m = Model.of(net, new long[] {H, W, 1})) {
      Map<String, double[]> w = FunctionalTest.randomWeights(m, new Random(12));
      float[] logits = m.logits(x);
      for (int e = 0; e < x.count(); e++) {
        double[] img = new double[H * W];
        for (int i = 0; i < img.length; i++) {
          img[i] = x.pixels()[e * img.length + i];
        }
        double[] z = naive(net, w, img);
        assertEquals(z[1] - z[0], logits[e], 1e-4 * (1 + Math.abs(z[1] - z[0])), "logit of example " + e);
      }
    }
  }

  @Test
  void perExampleGradientsThroughRankExpandingMergesMatchOneExampleBackprop() {
    Images x = images(4, new Random(21));
    try (Model m = Model.of(network(), new long[] {H, W, 1})) {
      FunctionalTest.randomWeights(m, new Random(22));
      DenseMatrix reference = FeatureMap.of(m, FeatureKind.NTK, Implementation.REFERENCE).features(x);
      DenseMatrix batched = FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED).features(x);
      assertEquals(m.parameterCount(), reference.cols());
      assertTrue(reference.rows() == 4);
      FunctionalTest.assertRowsAgree(reference, batched, 1e-5);
    }
  }
}
