package org.afterkernel.kernel;

import static org.afterkernel.kernel.FeatureAgreement.randomImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.linear.Jst1;
import org.afterkernel.linear.Labels;
import org.afterkernel.linear.Solution;
import org.afterkernel.linear.StopReason;
import org.afterkernel.linear.StopRule;
import org.afterkernel.linear.SvmEvaluation;
import org.afterkernel.linear.TrainingSet;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.Conv2D;
import org.afterkernel.nn.Dense;
import org.afterkernel.nn.Flatten;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.nn.Padding;
import org.afterkernel.nn.Sequential;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * The structured kernels (Dense layers as factors, issue 13) equal the kernels of the materialized
 * per-example gradients, whose rows are themselves tested against one-example backpropagation.
 * Expected values are double-precision dot products of the materialized features.
 */
class StructuredKernelTest {
  /** Tolerance on K(u, v) relative to sqrt(K(u, u) K(v, v)). */
  private static final double REL = 1e-5;

  private static double dot(DenseMatrix f, int i, DenseMatrix g, int j) {
    double s = 0;
    for (int k = 0; k < f.cols(); k++) {
      s += (double) f.get(i, k) * g.get(j, k);
    }
    return s;
  }

  /**
   * Every entry of {@code k} equals the double-precision dot product of the materialized rows, to
   * {@code rel}.
   */
  static void assertKernelOf(DenseMatrix rows, DenseMatrix cols, DenseMatrix k, double rel, String what) {
    assertEquals(rows.rows(), k.rows(), what);
    assertEquals(cols.rows(), k.cols(), what);
    for (int i = 0; i < k.rows(); i++) {
      for (int j = 0; j < k.cols(); j++) {
        double e = dot(rows, i, cols, j);
        double scale = Math.sqrt(dot(rows, i, rows, i) * dot(cols, j, cols, j));
        assertTrue(scale > 0, what + ": zero feature row, the comparison would be vacuous");
        assertEquals(e, k.get(i, j), rel * scale, what + " K[" + i + "][" + j + "]");
      }
    }
  }

  /** Entry by entry within {@code rel} of sqrt(K(u, u) K(v, v)) of {@code expected}. */
  static void assertSameKernel(DenseMatrix expected, DenseMatrix actual, String what) {
    DenseMatrix diag = expected;
    for (int i = 0; i < expected.rows(); i++) {
      for (int j = 0; j < expected.cols(); j++) {
        double scale = Math.sqrt(Math.abs((double) diag.get(i, i) * diag.get(j, j)));
        assertEquals(expected.get(i, j), actual.get(i, j), REL * scale, what + " K[" + i + "][" + j + "]");
      }
    }
  }

  /**
   * Structured Gram and cross kernel, in memory and streamed: to 1e-5 of the materialized kernel
   * with the same blocking (both float32 products), and of the double-precision dot products of the
   * materialized features (to 3e-5 beyond 200,000 features, where float32 sums alone differ by
   * 1e-5).
   */
  static void assertStructuredMatches(Model m, Images a, Images b, String what) {
    FeatureMap batched = FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED);
    FeatureMap structured = FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED);
    assertEquals(batched.dimension(), structured.dimension(), "the kernel's dimension is the parameter count");
    DenseMatrix fa = batched.features(a);
    DenseMatrix fb = batched.features(b);
    double rel = batched.dimension() > 200_000 ? 3e-5 : REL;
    Kernel.Matrices whole = Kernel.of(structured).compute(a, b, Progress.silent());
    assertKernelOf(fa, fa, whole.gram(), rel, what + " gram");
    assertKernelOf(fb, fa, whole.cross(), rel, what + " cross");
    Kernel.Matrices wholeBatched = Kernel.of(batched).compute(a, b, Progress.silent());
    assertSameKernel(wholeBatched.gram(), whole.gram(), what + " gram vs materialized");
    long rowBytes = 4L * Kernel.paddedWidth(structured.layout().width());
    Kernel streamed = Kernel.of(structured).withMemoryBudget(rowBytes * Math.max(8, a.count() / 3));
    assertTrue(streamed.plan(a.count(), b.count()).groups() > 1, "the streamed plan has several groups");
    Kernel.Matrices s = streamed.compute(a, b, Progress.silent());
    assertKernelOf(fa, fa, s.gram(), rel, what + " streamed gram");
    assertKernelOf(fb, fa, s.cross(), rel, what + " streamed cross");
    for (int i = 0; i < a.count(); i++) {
      float[] ra = new float[structured.layout().width()];
      structured.compute(a, i, i + 1, ra, 0);
      assertEquals(dot(fa, i, fa, i), structured.layout().dot(ra, 0, ra, 0), REL * dot(fa, i, fa, i),
          what + ": the layout's row product");
    }
  }

  @Test
  void presetsOnMnistAndCifarSizedImages() {
    for (String preset : List.of("mlp", "vgg", "sum")) {
      try (Model m = Model.create(NetworkSpec.preset(preset, 28, 28, 1), 3)) {
        assertStructuredMatches(m, randomImages(37, 28, 28, 1, 1), randomImages(11, 28, 28, 1, 2), preset);
      }
    }
    try (Model m = Model.create(NetworkSpec.preset("vgg", 32, 32, 3), 5)) {
      assertStructuredMatches(m, randomImages(13, 32, 32, 3, 3), randomImages(5, 32, 32, 3, 4), "cifar vgg");
    }
    try (Model m = Model.create(NetworkSpec.preset("mega-vgg", 28, 28, 1), 4)) {
      assertStructuredMatches(m, randomImages(9, 28, 28, 1, 5), randomImages(3, 28, 28, 1, 6), "mega-vgg");
    }
  }

  /** The dual SVM on structured and materialized kernels converges to the same classifier. */
  @Test
  void svmTestErrorsAreEqualAtConvergence() {
    LabeledImages train = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, ClassPair.DEFAULT, 400);
    LabeledImages test = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 300);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 28, 28, 1).withWidth(30), 2)) {
      double[] errors = new double[2];
      double[] margins = new double[2];
      Implementation[] impls = {Implementation.BATCHED, Implementation.STRUCTURED};
      for (int i = 0; i < 2; i++) {
        Kernel.Matrices k = Kernel.of(FeatureMap.of(m, FeatureKind.NTK, impls[i]))
            .compute(train.images(), test.images(), Progress.silent());
        double z = FeatureScale.fromGram(k.gram());
        FeatureScale.divideInPlace(k.gram(), z * z);
        FeatureScale.divideInPlace(k.cross(), z * z);
        Solution s = new Jst1().fit(new TrainingSet.Gram(k.gram(), Labels.of(train.labels())),
            StopRule.converged(1e-6, 100, 200_000));
        assertEquals(StopReason.CONVERGED, s.stopReason(), impls[i].toString());
        errors[i] = SvmEvaluation.of(s, k.cross(), Labels.of(test.labels())).testError();
        margins[i] = s.trainingMargin();
      }
      assertEquals(errors[0], errors[1], "test errors at convergence");
      assertEquals(margins[0], margins[1], 1e-4 * margins[0], "margins at convergence");
    }
  }

  @Test
  void mlpRowsHoldFactorsNotGradients() {
    try (Model m = Model.create(NetworkSpec.preset("mlp", 28, 28, 1), 1)) {
      RowLayout l = FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED).layout();
      assertEquals(100_675, m.parameterCount());
      // The logit head (94 + 1 values) stays materialized; four hidden layers as (h, 1) and delta.
      assertEquals(95, l.materialized());
      assertEquals(4, l.factors().size());
      assertEquals(95 + (785 + 94) + 3 * (95 + 94), l.width());
      assertThrows(IllegalStateException.class,
          () -> FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED).features(randomImages(2, 28, 28, 1, 1)));
    }
  }

  @Test
  void trainedMlpAndAStackWithDenseLayersWithAndWithoutBias() {
    Images x = randomImages(64, 28, 28, 1, 7);
    int[] labels = new Random(8).ints(64, 0, 2).toArray();
    try (Model m = Model.create(NetworkSpec.preset("mlp", 28, 28, 1).withWidth(20), 9)) {
      new Trainer(m, new LabeledImages(x, labels), TrainConfig.defaults(3, 9)).fit(s -> { }, false);
      assertStructuredMatches(m, x.slice(0, 30), x.slice(30, 40), "trained mlp");
    }
    Sequential net = new Sequential(List.of(
        new Conv2D("c", 3, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, Padding.SAME, Activation.RELU, true),
        new Flatten("f"),
        new Dense("a", 7, Activation.TANH, false),
        new Dense("b", 5, Activation.SIGMOID, true),
        new Dense("out", 1, Activation.LINEAR)));
    try (Model m = Model.of(net, new long[] {9, 8, 2})) {
      m.initialize(6);
      RowLayout l = FeatureMap.of(m, FeatureKind.NTK, Implementation.STRUCTURED).layout();
      assertEquals(List.of(new RowLayout.Factor(3 * 3 * 2 * 3 + 3 + 6, 60, 7), new RowLayout.Factor(3 * 3 * 2 * 3 + 3
          + 6 + 67, 8, 5)), l.factors(), "no bias column for 'a', one for 'b'");
      assertStructuredMatches(m, randomImages(17, 9, 8, 2, 4), randomImages(6, 9, 8, 2, 5), "stack");
    }
  }
}
