package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.afterkernel.io.Progress;
import org.afterkernel.tf.Products;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The interior-point path of the exact solver on features (fewer features than examples, separable)
 * against the dual solved from scratch on the Gram matrix, and its certificate checked here.
 */
class FeatureInteriorPointTest {
  private static final StopRule KKT = StopRule.kkt(1e-9, ExactSvm.DEFAULT_ROUNDS);

  @ParameterizedTest(name = "n={0} p={1} gap={2}")
  @CsvSource({"400, 30, 0.02, 1", "800, 60, 0.002, 2", "1500, 40, 0, 3"})
  void findsTheSupportSetOfTheDualSolvedFromScratch(int n, int p, double gap, long seed) {
    TestProblems.Problem problem = TestProblems.separable(n, p, gap, seed);
    double[] signs = problem.labels().signs();
    LogSumExpNewton.Result newton = LogSumExpNewton.run(problem.x(), signs, 60, Progress.silent());
    assertEquals(LogSumExpNewton.Outcome.SEPARABLE, newton.outcome(), "separable by construction");
    FeatureInteriorPoint.Result ip = FeatureInteriorPoint.run(problem.x(), signs, newton.w(), 150, Progress.silent());
    assertTrue(ip.gap() <= FeatureInteriorPoint.GAP_TOLERANCE, "gap " + ip.gap() + " after " + ip.steps() + " steps");
    Solution reference = new ExactSvm().fit(problem.gram(), KKT);
    assertEquals(StopReason.KKT, reference.stopReason());
    double[] a = ((LinearModel.Dual) reference.model()).coefficients();
    double[] start = FeatureInteriorPoint.support(ip);
    boolean[] expected = new boolean[n];
    boolean[] found = new boolean[n];
    for (int i = 0; i < n; i++) {
      expected[i] = a[i] > 0;
      found[i] = start[i] > 0;
    }
    assertArrayEquals(expected, found, "support set");
    double optimum = doubleOptimum(problem, found);
    // The interior point is primal feasible: its margin is a lower bound, within the gap's reach.
    double got = margin(problem, ip.w());
    assertTrue(got <= optimum * (1 + 1e-12), got + " above the optimum " + optimum);
    assertEquals(optimum, got, 1e-6 * optimum);
  }

  @Test
  void aStalledDualResidualEndsTheIterationOnceTheGapHasConverged() {
    // With a residual tolerance of 0 only the stall rule (or the step cap) can end the iteration.
    int n = 600;
    TestProblems.Problem problem = TestProblems.separable(n, 40, 0.002, 5);
    double[] signs = problem.labels().signs();
    LogSumExpNewton.Result newton = LogSumExpNewton.run(problem.x(), signs, 60, Progress.silent());
    FeatureInteriorPoint.Result ip = FeatureInteriorPoint.run(problem.x(), signs, newton.w(), 400, 0, Progress.silent());
    assertTrue(ip.steps() < 400, "ran to the cap: " + ip.steps() + " steps, gap " + ip.gap());
    assertTrue(ip.gap() <= FeatureInteriorPoint.GAP_TOLERANCE, "gap " + ip.gap());
    assertTrue(ip.dualResidual() > 0, "a dual residual of exactly 0 would have met the tolerance");
    // The guess it hands over is still the support set: the rounds certify from it.
    Solution reference = new ExactSvm().fit(problem.gram(), KKT);
    double[] a = ((LinearModel.Dual) reference.model()).coefficients();
    double[] start = FeatureInteriorPoint.support(ip);
    for (int i = 0; i < n; i++) {
      assertEquals(a[i] > 0, start[i] > 0, "example " + i);
    }
  }

  @Test
  void theStopRuleWantsAConvergedGapAndPrimalResidualEvenWhenTheDualStalls() {
    double tol = FeatureInteriorPoint.RESIDUAL_TOLERANCE;
    double gapOk = FeatureInteriorPoint.GAP_TOLERANCE / 2;
    int stalled = FeatureInteriorPoint.STALL_STEPS;
    assertTrue(FeatureInteriorPoint.finished(gapOk, tol / 2, tol / 2, 0, tol), "all within tolerance");
    assertTrue(FeatureInteriorPoint.finished(gapOk, tol / 2, 1e-4, stalled, tol), "dual stalled, the rest converged");
    assertFalse(FeatureInteriorPoint.finished(gapOk, tol / 2, 1e-4, stalled - 1, tol), "dual not yet stalled");
    assertFalse(FeatureInteriorPoint.finished(1e-6, tol / 2, 1e-4, stalled, tol), "gap not converged");
    assertFalse(FeatureInteriorPoint.finished(gapOk, 1e-4, 1e-4, stalled, tol), "primal not converged");
  }

  /**
   * The maximum margin in double on the features, given its support set: {@code G_SS a = 1} solved
   * here, {@code a > 0} and every example at functional margin {@code >= 1} checked (sufficient for
   * the convex problem); the margin is {@code 1 / ||w||}.
   */
  private static double doubleOptimum(TestProblems.Problem problem, boolean[] support) {
    int n = problem.x().rows();
    int p = problem.x().cols();
    double[] signs = problem.labels().signs();
    boolean[] found = support;
    int[] set = java.util.stream.IntStream.range(0, n).filter(i -> found[i]).toArray();
    double[][] g = new double[set.length][set.length + 1];
    for (int r = 0; r < set.length; r++) {
      for (int c = 0; c < set.length; c++) {
        double dot = 0;
        for (int j = 0; j < p; j++) {
          dot += (double) problem.x().get(set[r], j) * problem.x().get(set[c], j);
        }
        g[r][c] = signs[set[r]] * signs[set[c]] * dot;
      }
      g[r][set.length] = 1;
    }
    double[] coefficients = GaussJordan.solve(g);
    double[] wa = new double[p];
    for (int r = 0; r < set.length; r++) {
      assertTrue(coefficients[r] > 0, "coefficient " + r + " of the support set: " + coefficients[r]);
      for (int j = 0; j < p; j++) {
        wa[j] += coefficients[r] * signs[set[r]] * problem.x().get(set[r], j);
      }
    }
    double[] m = new double[n];
    MatVec.multiply(problem.x(), wa, m);
    for (int i = 0; i < n; i++) {
      assertTrue(signs[i] * m[i] >= 1 - 1e-9, "example " + i + " at functional margin " + signs[i] * m[i]);
    }
    return 1 / norm(wa);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /** {@code min_i z_i . w / ||w||} from the features, in double. */
  private static double margin(TestProblems.Problem problem, double[] w) {
    double[] m = new double[problem.x().rows()];
    MatVec.multiply(problem.x(), w, m);
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < m.length; i++) {
      min = Math.min(min, problem.labels().signs()[i] * m[i]);
    }
    return min / norm(w);
  }

  @ParameterizedTest(name = "n={0} p={1} gap={2}")
  @CsvSource({"600, 50, 0.01, 4", "2000, 80, 0, 5"})
  void theExactSolverOnFeaturesIsCertifiedAndAgreesWithTheGramPath(int n, int p, double gap, long seed) {
    TestProblems.Problem problem = TestProblems.separable(n, p, gap, seed);
    Solution features = new ExactSvm().fit(problem.features(), KKT);
    // The same through the interior point alone (the dual's first rounds skipped).
    Solution interior = ExactFeatures.fit(new ExactSvm(), problem.features(), KKT, Progress.silent(), 0);
    Solution gram = new ExactSvm().fit(problem.gram(), KKT);
    for (Solution s : java.util.List.of(features, interior)) {
      assertEquals(StopReason.KKT, s.stopReason(), s.certificate().toString());
      assertTrue(s.certificate().kktResidual() <= 1e-9, s.certificate().toString());
    }
    // The features path solves in double on the features: the optimum computed here in double from
    // the Gram path's support set. (The Gram path's margin is the float Gram matrix's, whose
    // rounding sets it up to 1e-7 apart here.)
    double[] a = ((LinearModel.Dual) gram.model()).coefficients();
    boolean[] support = new boolean[n];
    for (int i = 0; i < n; i++) {
      support[i] = a[i] > 0;
    }
    double optimum = doubleOptimum(problem, support);
    assertEquals(optimum, features.trainingMargin(), 1e-9 * optimum);
    assertEquals(optimum, interior.trainingMargin(), 1e-9 * optimum);
    assertEquals(gram.trainingMargin(), features.trainingMargin(), 1e-6 * optimum);
  }

  @Test
  void theSupportSetRoundsRecoverFromAPerturbedGuess() {
    int n = 400;
    TestProblems.Problem problem = TestProblems.separable(n, 30, 0.02, 11);
    Solution gram = new ExactSvm().fit(problem.gram(), KKT);
    double[] a = ((LinearModel.Dual) gram.model()).coefficients();
    boolean[] support = new boolean[n];
    boolean[] guess = new boolean[n];
    int dropped = 0;
    int added = 0;
    for (int i = 0; i < n; i++) {
      support[i] = a[i] > 0;
      guess[i] = support[i];
      if (support[i] && dropped < 3) {
        guess[i] = false;
        dropped++;
      } else if (!support[i] && added < 2) {
        guess[i] = true;
        added++;
      }
    }
    double[] start = new double[n];
    for (int i = 0; i < n; i++) {
      start[i] = guess[i] ? 1 : 0;
    }
    FeatureActiveSet.Result r = FeatureActiveSet.run(problem.x(), problem.labels().signs(), start, 1e-9, 500,
        Progress.silent());
    assertTrue(r.converged() && r.rounds() > 1, "rounds " + r.rounds() + ", converged " + r.converged());
    double optimum = doubleOptimum(problem, support);
    assertEquals(optimum, 1 / norm(r.w()), 1e-9 * optimum);
  }

  @Test
  void aWarmStartFarFromTheAnswerStillReachesTheCertifiedOptimum() {
    int n = 300;
    TestProblems.Problem problem = TestProblems.separable(n, 40, 0.02, 12);
    Solution cold = new ExactSvm().fit(problem.gram(), KKT);
    double[] start = new double[n];
    java.util.Random rnd = new java.util.Random(3);
    for (int k = 0; k < 20; k++) {
      start[rnd.nextInt(n)] = rnd.nextDouble() * 100;
    }
    Solution warm = new ExactSvm().fitGram(problem.gram(), KKT, Progress.silent(), start);
    assertEquals(StopReason.KKT, warm.stopReason(), warm.certificate().toString());
    assertEquals(cold.trainingMargin(), warm.trainingMargin(), 1e-9 * cold.trainingMargin());
  }

  @Test
  void theDoubleCrossProductIsTheSumOfOuterProducts() {
    int n = 7;
    int p = 4;
    double[] x = new double[n * p];
    for (int k = 0; k < x.length; k++) {
      x[k] = Math.sin(k * 1.7) * Math.pow(10, k % 5);
    }
    double[] c = Products.crossProductDouble(x, n, p);
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < p; k++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x[i * p + j] * x[i * p + k];
        }
        assertEquals(s, c[j * p + k], 1e-12 * Math.abs(s) + 1e-12, j + "," + k);
      }
    }
  }
}
