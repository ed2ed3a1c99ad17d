package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Termination on non-separable data, the stop rules, scale robustness and input checks. */
class RobustnessTest {
  /**
   * Random points in the plane plus an XOR pattern: class 1 at (+-1, 0), class 0 at (0, +-1). The
   * signed XOR examples are (1,0), (-1,0), (0,-1), (0,1), so every w has margin at most
   * -max(|w1|,|w2|)/||w|| <= -1/sqrt(2).
   */
  private static TestProblems.Problem nonSeparable() {
    TestProblems.Problem base = TestProblems.randomLabels(60, 2, 9);
    float[] d = base.x().data().clone();
    float[] xor = {1, 0, -1, 0, 0, 1, 0, -1};
    System.arraycopy(xor, 0, d, 0, 8);
    int[] y = new int[60];
    for (int i = 0; i < 60; i++) {
      y[i] = i < 2 ? 1 : i < 4 ? 0 : base.labels().get(i);
    }
    return new TestProblems.Problem(new DenseMatrix(60, 2, d), Labels.of(y));
  }

  @Test
  void everySolverTerminatesOnNonSeparableDataWithANegativeMargin() {
    TestProblems.Problem p = nonSeparable();
    double bound = -1 / Math.sqrt(2) + 1e-9;
    for (TrainingSet data : List.of(p.features(), p.gram())) {
      boolean dual = data instanceof TrainingSet.Gram;
      for (MaxMarginSolver solver : List.of(new Jst1(), new Jst2(3))) {
        String what = solver.name() + " " + data.form();
        // The dual may stop early, when the float Gram matrix can no longer represent the iterate.
        Solution byCount = solver.fit(data, StopRule.iterations(3000));
        assertTrue(
            byCount.stopReason() == StopReason.ITERATIONS && byCount.iterations() == 3000
                || dual && byCount.stopReason() == StopReason.PRECISION_LIMIT,
            what + ": " + byCount);
        assertTrue(byCount.trainingMargin() <= bound, what + ": " + byCount.trainingMargin());
        Solution byTime = solver.fit(data, StopRule.timeLimit(0.2));
        assertTrue(
            byTime.stopReason() == StopReason.TIME_LIMIT && byTime.seconds() >= 0.2
                || dual && byTime.stopReason() == StopReason.PRECISION_LIMIT,
            what + ": " + byTime);
        assertTrue(byTime.trainingMargin() <= bound, what + ": " + byTime.trainingMargin());
        Solution byConvergence = solver.fit(data, StopRule.converged(1e-9, 100, 5000));
        assertTrue(byConvergence.iterations() <= 5000, what);
        assertTrue(byConvergence.trainingMargin() <= bound, what + ": " + byConvergence.trainingMargin());
      }
    }
    Solution svm = new LiblinearSolver().fit(p.features(), StopRule.iterations(1));
    assertTrue(svm.trainingMargin() <= bound, "liblinear " + svm.trainingMargin());
  }

  @Test
  void theDualStopsWhileItsMarginStillMatchesThePrimal() {
    TestProblems.Problem p = nonSeparable();
    Solution dual = new Jst1().fit(p.gram(), StopRule.iterations(100_000));
    assertEquals(StopReason.PRECISION_LIMIT, dual.stopReason());
    Solution primal = new Jst1().fit(p.features(), StopRule.iterations(dual.iterations()));
    double expected = primal.trainingMargin();
    assertEquals(expected, dual.trainingMargin(), 0.01 * Math.abs(expected));
    // Algorithm 2 samples, and the two forms' sampling weights differ by the rounding, so they
    // need not stay on one path; its dual stops too, with a negative margin.
    Solution dual2 = new Jst2(5).fit(p.gram(), StopRule.iterations(100_000));
    assertEquals(StopReason.PRECISION_LIMIT, dual2.stopReason());
    assertTrue(dual2.trainingMargin() < 0);
  }

  @Test
  void convergenceAndTargetRulesStopOnSeparableData() {
    TestProblems.Problem p = TestProblems.separable(12, 4, 0.05, 2);
    double optimum = ExactMaxMargin.of(p.x(), p.labels());
    Solution converged = new Jst1().fit(p.gram(), StopRule.converged(1e-7, 100, 1_000_000));
    assertEquals(StopReason.CONVERGED, converged.stopReason());
    assertTrue(converged.iterations() < 1_000_000 && converged.trainingMargin() > 0.99 * optimum);
    Solution target = new Jst1().fit(p.features(), StopRule.marginAtLeast(0.95 * optimum, 1_000_000));
    assertEquals(StopReason.TARGET_MARGIN, target.stopReason());
    assertTrue(target.trainingMargin() >= 0.95 * optimum);
    Solution again = new Jst1().fit(p.features(), StopRule.iterations(target.iterations() - 1));
    assertTrue(again.trainingMargin() < 0.95 * optimum, "the target stop is the first iterate reaching it");
    Solution none = new Jst1().fit(p.features(), StopRule.iterations(0));
    assertEquals(0.0, none.trainingMargin(), "w = 0 has margin 0 by the original's definition");
    // Under a time limit LIBLINEAR refits until the budget is spent, as the original does.
    Solution refits = new LiblinearSolver().fit(p.features(), StopRule.timeLimit(0.3));
    assertEquals(StopReason.TIME_LIMIT, refits.stopReason());
    assertTrue(refits.iterations() >= 1 && refits.seconds() >= 0.3);
  }

  @ParameterizedTest(name = "feature scale {0}")
  @ValueSource(doubles = {1e-3, 1e3})
  void largeProblemsOfExtremeScaleStayFinite(double scale) {
    int n = 12_000;
    TestProblems.Problem base = TestProblems.randomLabels(n, 6, 4);
    float[] d = base.x().data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] *= (float) scale;
    }
    DenseMatrix x = new DenseMatrix(n, 6, d);
    TrainingSet features = new TrainingSet.Features(x, base.labels());
    DenseMatrix k = MatVecGram.of(x);
    TrainingSet gram = new TrainingSet.Gram(k, base.labels());
    for (Solution s :
        List.of(
            new Jst1().fit(features, StopRule.iterations(300)),
            new Jst2(1).fit(features, StopRule.iterations(30)),
            new Jst1().fit(gram, StopRule.iterations(10)),
            new Jst2(1).fit(gram, StopRule.iterations(300)))) {
      assertTrue(Double.isFinite(s.trainingMargin()), s.solver() + " " + s.form() + " at scale " + scale);
      assertTrue(Double.isFinite(s.model().weightNorm()));
      for (double v : s.model().decisionValues(s.form().equals("primal") ? x.rows(0, 50) : k.rows(0, 50))) {
        assertTrue(Double.isFinite(v));
      }
    }
  }

  @Test
  void softmaxAndSamplingHandleExtremeMargins() {
    double[] q = new double[4];
    double loss = Softmax.ofNegated(new double[] {1e300, -1e300, 0, -1e300}, q);
    assertEquals(0.5, q[1]);
    assertEquals(0.5, q[3]);
    assertEquals(0.0, q[0] + q[2]);
    assertEquals(1e300, loss, 1e285, "logsumexp(-m) = 1e300 + log 2");
    Softmax.ofNegatedClipped(new double[] {-1e9, 1e9}, Jst2.CLIP, q = new double[2]);
    assertEquals(1 / (1 + Math.exp(-32)), q[0], 1e-15, "exponents clipped to +-16");
    assertEquals(0, Jst2.sample(new double[] {0.25, 0.75}, 0.0));
    assertEquals(1, Jst2.sample(new double[] {0.25, 0.75}, 0.25));
    assertEquals(0, Jst2.sample(new double[] {1.0, 0.0}, Math.nextDown(1.0)));
    // Weights that sum to just under u by rounding: the last example of positive weight.
    assertEquals(2, Jst2.sample(new double[] {0.3, 0.3, 0.4 - 1e-12, 0.0}, Math.nextDown(1.0)));
  }

  @Test
  void badInputIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Labels.of(0, 1, 2));
    assertTrue(e.getMessage().contains("label 2 is 2"), e.getMessage());
    TestProblems.Problem p = TestProblems.separable(6, 3, 0.05, 1);
    Labels single = Labels.of(1, 1, 1, 1, 1, 1);
    e = assertThrows(IllegalArgumentException.class,
        () -> new Jst1().fit(new TrainingSet.Features(p.x(), single), StopRule.iterations(5)));
    assertTrue(e.getMessage().contains("both classes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TrainingSet.Features(p.x(), Labels.of(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> new TrainingSet.Gram(p.x(), p.labels()));
    float[] asym = TestProblems.gram(p.x(), p.x()).data().clone();
    asym[1] += 1;
    e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingSet.Gram(new DenseMatrix(6, 6, asym), p.labels()));
    assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LiblinearSolver().fit(p.gram(), StopRule.iterations(1)));
    assertTrue(e.getMessage().contains("needs features"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StopRule(Long.MAX_VALUE, Double.POSITIVE_INFINITY, 1e-3, 10, Double.NaN));
    float[] nan = p.x().data().clone();
    nan[4] = Float.NaN;
    assertThrows(IllegalArgumentException.class,
        () -> new Jst1().fit(new TrainingSet.Features(new DenseMatrix(6, 3, nan), p.labels()), StopRule.iterations(5)));
  }
}
