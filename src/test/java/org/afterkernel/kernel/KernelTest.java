package org.afterkernel.kernel;

import static org.afterkernel.kernel.FeatureAgreement.randomImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/** Gram matrices from TensorFlow blocks equal naive dot products of the features, streamed or not. */
class KernelTest {
  private static double dot(DenseMatrix f, int i, DenseMatrix g, int j) {
    double s = 0;
    for (int k = 0; k < f.cols(); k++) {
      s += (double) f.get(i, k) * g.get(j, k);
    }
    return s;
  }

  private static void assertNaive(DenseMatrix rows, DenseMatrix cols, DenseMatrix k) {
    assertEquals(rows.rows(), k.rows());
    assertEquals(cols.rows(), k.cols());
    for (int i = 0; i < k.rows(); i++) {
      for (int j = 0; j < k.cols(); j++) {
        double e = dot(rows, i, cols, j);
        double scale = Math.sqrt(dot(rows, i, rows, i) * dot(cols, j, cols, j));
        assertEquals(e, k.get(i, j), 2e-6 * scale, "K[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void gramAndCrossKernelEqualNaiveDotProductsInMemoryAndStreamed() {
    Images train = randomImages(53, 10, 10, 1, 1);
    Images test = randomImages(19, 10, 10, 1, 2);
    try (Model m = Model.create(NetworkSpec.preset("vgg", 10, 10, 1).withWidth(6), 3)) {
      FeatureMap map = FeatureMap.of(m, FeatureKind.NTK, Implementation.BATCHED);
      DenseMatrix ftrain = map.features(train);
      DenseMatrix ftest = map.features(test);
      Kernel whole = Kernel.of(map);
      assertEquals(1, whole.plan(53, 19).groups(), "everything fits: one group");
      Kernel.Matrices a = whole.compute(train, test, Progress.silent());
      assertNaive(ftrain, ftrain, a.gram());
      assertNaive(ftest, ftrain, a.cross());

      // A budget of a few rows forces several groups and recomputed, streamed blocks.
      long rowBytes = 4 * map.dimension();
      Kernel streamed = Kernel.of(map).withMemoryBudget(rowBytes * 20);
      Kernel.Plan plan = streamed.plan(53, 19);
      assertTrue(plan.groups() > 1, plan.describe());
      Kernel.Matrices b = streamed.compute(train, test, Progress.silent());
      assertNaive(ftrain, ftrain, b.gram());
      assertNaive(ftest, ftrain, b.cross());
    }
  }

  @Test
  void conjugateKernelIsTheGramOfTheLastHiddenLayer() {
    Images x = randomImages(30, 8, 8, 1, 4);
    try (Model m = Model.create(NetworkSpec.preset("mlp", 8, 8, 1).withWidth(12), 5)) {
      DenseMatrix f = new DenseMatrix(30, 12, m.conjugateFeatures(x));
      DenseMatrix k = Kernel.of(FeatureMap.of(m, FeatureKind.CONJUGATE, Implementation.BATCHED))
          .gram(x, Progress.silent());
      assertNaive(f, f, k);
    }
  }
}
