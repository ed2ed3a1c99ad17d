package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact solver against answers it does not compute: analytic margins, the enumeration of
 * {@link ExactMaxMargin}, JST1 run to convergence, KKT conditions checked here with plain loops,
 * and problems that are not separable or whose Gram matrix is degenerate.
 */
class ExactSvmTest {
  private static final StopRule KKT = StopRule.kkt(1e-9, ExactSvm.DEFAULT_ROUNDS);

  @Test
  void reachesTheAnalyticMarginsInBothForms() {
    for (MaxMarginTest.Known k : MaxMarginTest.analytic()) {
      double optimum = Double.isNaN(k.margin()) ? ExactMaxMargin.of(k.x(), k.labels()) : k.margin();
      for (TrainingSet data : List.of(new TrainingSet.Features(k.x(), k.labels()),
          new TrainingSet.Gram(TestProblems.gram(k.x(), k.x()), k.labels()))) {
        Solution s = new ExactSvm().fit(data, KKT);
        assertEquals(optimum, s.trainingMargin(), 1e-6 * optimum, k.name() + " " + data.form());
        assertEquals(StopReason.KKT, s.stopReason(), k.name());
        assertEquals(Boolean.TRUE, s.certificate().separable(), k.name());
        assertTrue(s.certificate().kktResidual() <= 1e-9, k.name() + ": " + s.certificate());
      }
    }
  }

  @ParameterizedTest(name = "n={0} p={1} seed={2}")
  @CsvSource({"10, 3, 1", "12, 4, 2", "8, 20, 3", "14, 6, 4", "16, 2, 5", "16, 40, 6"})
  void matchesTheEnumeratedOptimumOfRandomSeparableProblems(int n, int p, long seed) {
    TestProblems.Problem problem = TestProblems.separable(n, p, 0.05, seed);
    double optimum = ExactMaxMargin.of(problem.x(), problem.labels());
    assertTrue(optimum > 0, "separable by construction");
    for (TrainingSet data : List.of(problem.features(), problem.gram())) {
      Solution s = new ExactSvm().fit(data, KKT);
      // The float Gram matrix rounds the products; the enumeration works on the features in double.
      assertEquals(optimum, s.trainingMargin(), 1e-5 * optimum, data.form());
      assertEquals(Boolean.TRUE, s.certificate().separable());
    }
  }

  @ParameterizedTest(name = "n={0} p={1}")
  @CsvSource({"300, 40, 7", "200, 400, 8", "500, 60, 9"})
  void satisfiesTheKktConditionsCheckedIndependently(int n, int p, long seed) {
    TestProblems.Problem problem = TestProblems.separable(n, p, 0.02, seed);
    TrainingSet.Gram gram = problem.gram();
    Solution s = new ExactSvm().fit(gram, KKT);
    double[] a = ((LinearModel.Dual) s.model()).coefficients();
    double residual = kktResidual(gram, a);
    assertTrue(residual <= 1e-8, "independent KKT residual " + residual);
    assertEquals(residual, s.certificate().kktResidual(), 1e-9);
    // KKT holds, so the margin is the maximum: 1 / ||w|| with ||w||^2 = sum a (every support
    // vector on the margin, sum_i a_i m_i = sum a).
    double sum = 0;
    for (double v : a) {
      sum += v;
    }
    assertEquals(1 / Math.sqrt(sum), s.trainingMargin(), 1e-7 * s.trainingMargin());
  }

  @Test
  void agreesWithJst1RunToConvergence() {
    TestProblems.Problem problem = TestProblems.separable(60, 10, 0.05, 11);
    Solution exact = new ExactSvm().fit(problem.gram(), KKT);
    Solution jst1 = new Jst1().fit(problem.gram(), StopRule.kkt(1e-5, 2_000_000));
    assertEquals(StopReason.KKT, jst1.stopReason(), "JST1 certified to 1e-5: " + jst1.certificate());
    // JST1's margin is a lower bound of the maximum, its certificate's upper bound an upper one.
    assertTrue(jst1.trainingMargin() <= exact.trainingMargin() * (1 + 1e-9));
    assertTrue(jst1.certificate().marginUpperBound() >= exact.trainingMargin() * (1 - 1e-9));
    assertEquals(exact.trainingMargin(), jst1.trainingMargin(), 2e-5 * exact.trainingMargin());
    DenseMatrix test = TestProblems.gram(TestProblems.separable(200, 10, 0, 12).x(), problem.x());
    assertArrayEquals(jst1.model().predict(test), exact.model().predict(test));
  }

  @Test
  void flagsANonSeparableProblemInBothForms() {
    // An example and its mirror image with the same label: no w gives both a positive margin.
    TestProblems.Problem base = TestProblems.randomLabels(40, 5, 13);
    float[] d = base.x().data().clone();
    for (int j = 0; j < 5; j++) {
      d[5 + j] = -d[j];
    }
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      y[i] = base.labels().get(i);
    }
    y[1] = y[0];
    TestProblems.Problem p = new TestProblems.Problem(new DenseMatrix(40, 5, d), Labels.of(y));
    for (TrainingSet data : List.of(p.features(), p.gram())) {
      Solution s = new ExactSvm().fit(data, KKT);
      assertEquals(StopReason.NOT_SEPARABLE, s.stopReason(), data.form());
      assertEquals(Boolean.FALSE, s.certificate().separable(), data.form());
      assertTrue(s.trainingMargin() < 0, data.form() + " margin " + s.trainingMargin());
      assertTrue(s.certificate().note().startsWith("not separable"), s.certificate().note());
    }
  }

  @Test
  void nonSeparableEstimatorIsJst1sLimit() {
    // Random labels on few features: not separable. The estimator minimises JST1's loss; JST1's
    // own iterates approach the same classifier.
    TestProblems.Problem p = TestProblems.randomLabels(300, 8, 14);
    Solution exact = new ExactSvm().fit(p.features(), KKT);
    assertEquals(Boolean.FALSE, exact.certificate().separable());
    Solution jst1 = new Jst1().fit(p.features(), StopRule.iterations(100_000));
    double[] a = ((LinearModel.Primal) exact.model()).weights();
    double[] b = ((LinearModel.Primal) jst1.model()).weights();
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += a[j] * b[j];
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    assertTrue(dot / Math.sqrt(na * nb) > 0.9999, "cosine " + dot / Math.sqrt(na * nb));
    assertEquals(Math.sqrt(na), Math.sqrt(nb), 1e-3 * Math.sqrt(na));
  }

  @Test
  void degenerateGramMatricesKeepTheMargin() {
    TestProblems.Problem p = TestProblems.separable(12, 4, 0.05, 15);
    double optimum = ExactMaxMargin.of(p.x(), p.labels());
    // Every example twice (duplicate rows and columns in the Gram matrix).
    float[] d = new float[24 * 4];
    int[] y = new int[24];
    for (int i = 0; i < 24; i++) {
      System.arraycopy(p.x().data(), (i % 12) * 4, d, i * 4, 4);
      y[i] = p.labels().get(i % 12);
    }
    TestProblems.Problem twice = new TestProblems.Problem(new DenseMatrix(24, 4, d), Labels.of(y));
    Solution s = new ExactSvm().fit(twice.gram(), KKT);
    assertEquals(optimum, s.trainingMargin(), 1e-5 * optimum);
    assertTrue(s.certificate().kktResidual() <= 1e-8, s.certificate().toString());
    // Rank-deficient: 80 examples in 3 dimensions, whose Gram matrix has rank 3.
    TestProblems.Problem low = TestProblems.separable(80, 3, 0.05, 16);
    Solution l = new ExactSvm().fit(low.gram(), KKT);
    assertTrue(l.certificate().kktResidual() <= 1e-8, l.certificate().toString());
    Solution lf = new ExactSvm().fit(low.features(), KKT);
    assertEquals(lf.trainingMargin(), l.trainingMargin(), 1e-5 * l.trainingMargin());
  }

  @Test
  void aZeroExampleIsNotSeparable() {
    DenseMatrix x = new DenseMatrix(3, 2, new float[] {1, 0, 0, 0, -1, 0.5f});
    Solution s = new ExactSvm().fit(new TrainingSet.Gram(TestProblems.gram(x, x), Labels.of(1, 1, 0)), KKT);
    assertEquals(Boolean.FALSE, s.certificate().separable());
  }

  @Test
  void coordinateDescentAloneReachesItsTolerance() {
    TestProblems.Problem p = TestProblems.separable(150, 30, 0.02, 17);
    TrainingSet.Gram g = p.gram();
    SignedGram q = new SignedGram(g.k(), g.labels().signs());
    double[] a = new double[150];
    double[] grad = new double[150];
    q.gradient(a, grad);
    double reported = new DualCoordinateDescent(q).run(a, grad, 1e-6, 10_000_000);
    assertTrue(reported <= 1e-6);
    assertEquals(reported, kktResidual(g, a), 1e-9);
  }

  /** The KKT residual of {@code a} from plain double loops over the Gram matrix. */
  static double kktResidual(TrainingSet.Gram g, double[] a) {
    int n = a.length;
    double worst = 0;
    for (int i = 0; i < n; i++) {
      double m = 0;
      for (int j = 0; j < n; j++) {
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        m += g.labels().sign(i) * g.labels().sign(j) * g.k().get(lo, hi) * a[j];
      }
      worst = Math.max(worst, a[i] > 0 ? Math.abs(m - 1) : Math.max(0, 1 - m));
    }
    return worst;
  }

  @Test
  void randomProblemsOfManySizesAreCertified() {
    Random rnd = new Random(18);
    for (int t = 0; t < 20; t++) {
      int n = 5 + rnd.nextInt(120);
      int p = 1 + rnd.nextInt(150);
      TestProblems.Problem problem = TestProblems.randomLabels(n, p, rnd.nextLong());
      Solution s = new ExactSvm().fit(problem.gram(), KKT);
      String what = "n=" + n + " p=" + p + ": " + s.certificate();
      if (Boolean.TRUE.equals(s.certificate().separable())) {
        double[] a = ((LinearModel.Dual) s.model()).coefficients();
        assertTrue(kktResidual(problem.gram(), a) <= 1e-8, what);
      } else {
        assertEquals(StopReason.NOT_SEPARABLE, s.stopReason(), what);
        assertTrue(p < n, "p >= n random features are separable: " + what);
      }
    }
  }
}
