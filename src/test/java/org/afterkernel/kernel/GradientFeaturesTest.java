package org.afterkernel.kernel;

import static org.afterkernel.kernel.FeatureAgreement.assertBatchedMatchesReference;
import static org.afterkernel.kernel.FeatureAgreement.randomImages;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.afterkernel.data.Images;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Conv2D;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.Flatten;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.Padding;
import org.afterkernel.nn.Pooling2D;
import org.afterkernel.nn.Sequential;
import org.junit.jupiter.api.Test;

/** The batched per-example gradients agree with one backward pass per example (issue 4). */
class GradientFeaturesTest {
  private static final double REL = 1e-5;

  @Test
  void vggMlpAndSumPresetsOnRandomMnistSizedImages() {
    Images x = randomImages(37, 28, 28, 1, 1); // 37: not a multiple of any batch size
    for (String preset : List.of("vgg", "mlp", "sum")) {
      try (Model m = Model.create(NetworkSpec.preset(preset, 28, 28, 1), 3)) {
        assertBatchedMatchesReference(m, x, REL);
      }
    }
  }

  @Test
  void megaVggOnAFewExamples() {
    try (Model m = Model.create(NetworkSpec.preset("mega-vgg", 28, 28, 1), 4)) {
      assertBatchedMatchesReference(m, randomImages(3, 28, 28, 1, 2), REL);
    }
  }

  @Test
  void cifarSizedVgg() {
    try (Model m = Model.create(NetworkSpec.preset("vgg", 32, 32, 3), 5)) {
      assertBatchedMatchesReference(m, randomImages(5, 32, 32, 3, 3), REL);
    }
  }

  @Test
  void anyStackOfSupportedLayers() {
    Sequential net = new Sequential(List.of(
        new Conv2D("a", 5, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 1}, Padding.VALID, Activation.TANH, true),
        new Conv2D("b", 4, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, Padding.SAME, Activation.RELU, false),
        new Pooling2D("avg", Pooling2D.Kind.AVERAGE, new int[] {2, 2}, new int[] {2, 2}, Padding.SAME),
        new Conv2D("c", 3, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, Activation.SIGMOID, true),
        new Flatten("f"),
        new Dense("d", 6, Activation.TANH, false),
        new Dense("out", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {13, 11, 2})) {
      m.initialize(6);
      assertBatchedMatchesReference(m, randomImages(9, 13, 11, 2, 4), REL);
    }
  }

  @Test
  void severalBatchSizesInOneCall() {
    // 300 = one full batch of 256 and a remainder of 44: the per-example convolution ops are
    // built for each size; every row must still be its own example's gradient.
    Sequential net = new Sequential(List.of(
        new Conv2D("a", 3, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, Padding.SAME, Activation.RELU, true),
        new Conv2D("b", 2, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, Padding.VALID, Activation.RELU, true),
        new Flatten("f"),
        new Dense("out", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {6, 6, 1})) {
      m.initialize(8);
      assertEquals(256, FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED).batchSize());
      assertBatchedMatchesReference(m, randomImages(300, 6, 6, 1, 5), REL);
    }
  }

  @Test
  void featureOrderIsKerasOrderKernelThenBias() {
    // Flatten -> Dense(1) without activation: phi(x) = (x, 1) exactly.
    Sequential net = new Sequential(List.of(new Flatten("f"), new Dense("d", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {2, 2, 1})) {
      m.initialize(1);
      Images x = new Images(2, 2, 2, 1, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
      for (Implementation impl : Implementation.values()) {
        DenseMatrix f = FeatureMap.of(m, FeatureKind.NTK, impl).features(x);
        assertEquals(new DenseMatrix(2, 5, new float[] {1, 2, 3, 4, 1, 5, 6, 7, 8, 1}), f, impl.name());
      }
    }
  }
}
