package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.io.NpyArray;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.ActivationLayer;
import org.afterkernel.nn.BatchNormalization;
import org.afterkernel.nn.Concatenate;
import org.afterkernel.nn.Conv2D;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.DepthwiseConv2D;
import org.afterkernel.nn.ElementwiseMerge;
import org.afterkernel.nn.Flatten;
import org.afterkernel.nn.Functional;
import org.afterkernel.nn.GlobalPooling2D;
import org.afterkernel.nn.Identity;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.Normalization;
import org.afterkernel.nn.OutputHead;
import org.afterkernel.nn.Padding;
import org.afterkernel.nn.Padding2D;
import org.afterkernel.nn.Parameter;
import org.afterkernel.nn.Pooling2D;
import org.afterkernel.nn.ReLU;
import org.afterkernel.nn.Rescaling;
import org.afterkernel.nn.Reshape;
import org.afterkernel.nn.SeparableConv2D;
import org.afterkernel.nn.Weights;
import org.junit.jupiter.api.Test;

/**
 * The per-example gradient features of a network using every layer kind the importer builds,
 * against one-example backpropagation and float64 central finite differences of the logit
 * ({@link ImportCheck}): the check `ak savedmodel check` runs, here on layers the three genuine
 * models do not have (and its float64 copy of the graph must build for all of them).
 */
class LayerGradientCheckTest {
  private static Functional.Node node(org.afterkernel.nn.Layer l, String... inputs) {
    return new Functional.Node(l, List.of(inputs));
  }

  @Test
  void everyImportedLayerKindPassesTheGradientCheck() {
    Functional net = new Functional("in", List.of(
        node(new Rescaling("scale", 2f, -1f), "in"),
        node(new Normalization("norm", new float[] {0.1f, -0.1f}, new float[] {0.8f, 1.2f}), "scale"),
        node(new Padding2D("pad", false, 1, 0, 0, 1), "norm"),
        node(new Conv2D("c1", 4, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, Padding.SAME,
            Activation.ELU, true), "pad"),
        node(new BatchNormalization("bn", 1e-3f, true, true, new float[] {0.1f, 0f, -0.1f, 0.2f},
            new float[] {0.5f, 1f, 1.5f, 0.7f}), "c1"),
        node(new ReLU("relu6", 6f, 0f, 0f), "bn"),
        node(new GlobalPooling2D("gap", Pooling2D.Kind.AVERAGE, true), "relu6"),
        node(new Dense("squeeze", 2, Activation.SWISH), "gap"),
        node(new Dense("excite", 4, Activation.SIGMOID), "squeeze"),
        node(new ElementwiseMerge("gated", ElementwiseMerge.Kind.MULTIPLY), "relu6", "excite"),
        node(new Conv2D("c2", 4, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, Padding.VALID,
            Activation.LINEAR, false), "gated"),
        node(new Pooling2D("avg", Pooling2D.Kind.AVERAGE, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME), "gated"),
        node(new Padding2D("crop", true, 0, 1, 0, 0), "avg"),
        node(new ElementwiseMerge("sum", ElementwiseMerge.Kind.AVERAGE), "c2", "crop"),
        node(new Concatenate("cat", 3), "sum", "c2"),
        node(new Pooling2D("max", Pooling2D.Kind.MAX, new int[] {2, 2}, new int[] {1, 1}, Padding.VALID), "cat"),
        node(new ActivationLayer("tanh", Activation.TANH), "max"),
        node(new GlobalPooling2D("gmp", Pooling2D.Kind.MAX, false), "tanh"),
        node(new Reshape("rs", new long[] {2, 4}), "gmp"),
        node(new Flatten("flat"), "rs"),
        node(new Identity("drop", "Dropout"), "flat"),
        node(new Dense("out", 3, Activation.SOFTMAX), "drop")),
        "out", OutputHead.difference(1, 2));
    assertPassesGradientCheck(net, 150);
  }

  @Test
  void depthwiseAndSeparableConvolutionsPassTheGradientCheck() {
    int[] one = {1, 1};
    Functional net = new Functional("in", List.of(
        node(new DepthwiseConv2D("dw", new int[] {3, 3}, 2, one, new int[] {2, 2}, Padding.SAME,
            Activation.RELU, true), "in"),
        node(new SeparableConv2D("sep", 3, new int[] {3, 2}, 1, new int[] {2, 2}, one, Padding.VALID,
            Activation.TANH, true), "dw"),
        node(new DepthwiseConv2D("dw2", new int[] {2, 2}, 1, one, one, Padding.VALID, Activation.LINEAR, false), "sep"),
        node(new Flatten("flat"), "dw2"),
        node(new Dense("out", 2, Activation.SOFTMAX), "flat")),
        "out", OutputHead.index(1));
    assertPassesGradientCheck(net, 60);
  }

  /** Random weights, three random images, and {@link ImportCheck#gradients} must pass. */
  private static void assertPassesGradientCheck(Functional net, int minSampled) {
    try (Model m = Model.of(net, new long[] {8, 7, 2})) {
      Random rnd = new Random(17);
      Map<String, NpyArray> values = new LinkedHashMap<>();
      for (Parameter p : m.parameters()) {
        float[] v = new float[p.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) rnd.nextGaussian() * 0.6f;
        }
        values.put(p.name(), NpyArray.ofFloats(p.shape(), v));
      }
      m.setWeights(Weights.of(values));
      float[] px = new float[3 * 8 * 7 * 2];
      for (int i = 0; i < px.length; i++) {
        px[i] = rnd.nextFloat();
      }
      ImportCheck.Gradient g = ImportCheck.gradients(m, new Images(3, 8, 7, 2, px), 8, 3);
      assertTrue(g.sampled() >= minSampled && g.maxAbsGradient() > 0, g.toString());
      assertTrue(g.passes(), g.toString());
    }
  }
}
