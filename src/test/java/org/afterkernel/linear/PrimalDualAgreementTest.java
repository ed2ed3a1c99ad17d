package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The primal and the dual form of each JST algorithm make the same iterates: after the same number
 * of iterations, the same test decision values (primal: test features times w; dual: the test-train
 * cross-kernel times the coefficients) and the same training margin.
 */
class PrimalDualAgreementTest {
  private static final double RELATIVE = 1e-6;

  /** Decision values agree to RELATIVE of their largest magnitude, margins to RELATIVE of theirs. */
  private static void assertSameModel(
      Solution primal,
      Solution dual,
      TestProblems.Problem train,
      DenseMatrix testX,
      DenseMatrix cross,
      String what) {
    assertEquals(primal.iterations(), dual.iterations(), what);
    double[] vp = primal.model().decisionValues(testX);
    double[] vd = dual.model().decisionValues(cross);
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < vp.length; i++) {
      scale = Math.max(scale, Math.abs(vp[i]));
    }
    for (int i = 0; i < vp.length; i++) {
      worst = Math.max(worst, Math.abs(vp[i] - vd[i]));
    }
    assertTrue(scale > 0, what);
    assertTrue(worst <= RELATIVE * scale, what + ": decision values differ by " + worst / scale + " relative");
    double mp = primal.trainingMargin();
    double md = dual.trainingMargin();
    assertTrue(
        Math.abs(mp - md) <= RELATIVE * Math.abs(mp),
        what + ": margins " + mp + " (primal) and " + md + " (dual)");
    assertEquals(primal.model().weightNorm(), dual.model().weightNorm(), RELATIVE * primal.model().weightNorm(), what);
    // Same predictions wherever the decision value is not within rounding of 0.
    int[] pp = primal.model().predict(testX);
    int[] pd = dual.model().predict(cross);
    for (int i = 0; i < pp.length; i++) {
      if (Math.abs(vp[i]) > 10 * RELATIVE * scale) {
        assertEquals(pp[i], pd[i], what + ": prediction " + i);
      }
    }
    // The margin each form reports is the one recomputed from its final model.
    assertEquals(mp, Margins.of(primal.model(), train.features()), 1e-12 * Math.abs(mp), what);
    assertEquals(md, Margins.of(dual.model(), train.gram()), 1e-9 * Math.abs(md), what);
  }

  @ParameterizedTest(name = "jst1 n={0} p={1}")
  @CsvSource({"40, 160", "150, 30"})
  void jst1FormsMakeTheSameIterates(int n, int p) {
    TestProblems.Problem train = TestProblems.dyadic(n, p, 11 + n);
    DenseMatrix testX = TestProblems.dyadicFeatures(25, p, 5);
    DenseMatrix cross = TestProblems.gram(testX, train.x());
    TrainingSet primalData = train.features();
    TrainingSet dualData = train.gram();
    for (int iterations : new int[] {10, 100, 1000}) {
      Solution primal = new Jst1().fit(primalData, StopRule.iterations(iterations));
      Solution dual = new Jst1().fit(dualData, StopRule.iterations(iterations));
      assertEquals("primal", primal.form());
      assertEquals("dual", dual.form());
      assertSameModel(primal, dual, train, testX, cross, "jst1 n=" + n + " p=" + p + " t=" + iterations);
    }
  }

  @ParameterizedTest(name = "jst1 on float data, n={0} p={1}")
  @CsvSource({"40, 160", "150, 30"})
  void jst1FormsAgreeOnGenericFloatData(int n, int p) {
    // Separable Gaussian data: the Gram matrix is rounded to float (relative 6e-8), a perturbation
    // of the problem itself that the iteration must not amplify beyond the tolerance.
    TestProblems.Problem train = TestProblems.separable(n, p, 0.05, 31 + n);
    DenseMatrix testX = TestProblems.normalised(TestProblems.gaussian(25, p, 1, new java.util.Random(8)));
    DenseMatrix cross = TestProblems.gram(testX, train.x());
    for (int iterations : new int[] {10, 100, 1000}) {
      Solution primal = new Jst1().fit(train.features(), StopRule.iterations(iterations));
      Solution dual = new Jst1().fit(train.gram(), StopRule.iterations(iterations));
      assertSameModel(primal, dual, train, testX, cross, "jst1 float n=" + n + " p=" + p + " t=" + iterations);
    }
  }

  @ParameterizedTest(name = "jst2 n={0} p={1}")
  @CsvSource({"40, 160", "150, 30"})
  void jst2FormsMakeTheSameIterates(int n, int p) {
    TestProblems.Problem train = TestProblems.dyadic(n, p, 21 + n);
    DenseMatrix testX = TestProblems.dyadicFeatures(25, p, 6);
    DenseMatrix cross = TestProblems.gram(testX, train.x());
    for (int iterations : new int[] {10, 100, 1000}) {
      Solution primal = new Jst2(7).fit(train.features(), StopRule.iterations(iterations));
      Solution dual = new Jst2(7).fit(train.gram(), StopRule.iterations(iterations));
      assertSameModel(primal, dual, train, testX, cross, "jst2 n=" + n + " p=" + p + " t=" + iterations);
    }
  }

  @ParameterizedTest(name = "dual coefficients reproduce w, n={0} p={1}")
  @CsvSource({"30, 90", "90, 12"})
  void dualCoefficientsSpanThePrimalWeights(int n, int p) {
    // w = sum_i a_i s_i x_i: forming it from the dual coefficients gives the primal weights.
    TestProblems.Problem train = TestProblems.dyadic(n, p, 3 + p);
    Solution primal = new Jst1().fit(train.features(), StopRule.iterations(200));
    Solution dual = new Jst1().fit(train.gram(), StopRule.iterations(200));
    double[] c = ((LinearModel.Dual) dual.model()).signedCoefficients();
    double[] w = ReferenceMatVec.multiplyTransposed(train.x(), c);
    double[] expected = ((LinearModel.Primal) primal.model()).weights();
    double scale = primal.model().weightNorm();
    double[] diff = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      diff[j] = (w[j] - expected[j]) / scale;
    }
    assertArrayEquals(new double[w.length], diff, 1e-6);
  }
}
