package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The working set's kept factor against the obvious reference: a linear system solved from scratch
 * (Gauss-Jordan on {@code Q_UU} in double, not the factor's Cholesky) on the same working set.
 */
class WorkingFactorTest {
  private final TestProblems.Problem problem = TestProblems.separable(60, 90, 0.02, 21);
  private final SignedGram q = new SignedGram(problem.gram().k(), problem.labels().signs());

  @Test
  void borderingGivesTheFactorOfTheLargerSet() {
    WorkingFactor f = WorkingFactor.of(q, range(0, 20));
    assertTrue(f.extend(range(20, 23)));
    assertTrue(f.extend(new int[] {40, 31, 55}));
    int[] set = f.set();
    assertEquals(26, set.length);
    assertClose(reference(set, new boolean[set.length]), f.solveOnes(new int[0]));
  }

  @Test
  void heldCoefficientsSolveTheSmallerSet() {
    WorkingFactor f = WorkingFactor.of(q, range(0, 30));
    assertTrue(f.extend(range(30, 34)));
    int[] held = {2, 7, 31};
    boolean[] isHeld = new boolean[34];
    for (int h : held) {
      isHeld[h] = true;
    }
    double[] x = f.solveOnes(held);
    for (int h : held) {
      assertEquals(0, x[h]);
    }
    assertClose(reference(f.set(), isHeld), x);
  }

  /** {@code x} with {@code Q_SS x_S = 1} on the set without the held positions, 0 on them. */
  private double[] reference(int[] set, boolean[] held) {
    int m = 0;
    for (boolean h : held) {
      m += h ? 0 : 1;
    }
    int[] s = new int[m];
    for (int p = 0, k = 0; p < set.length; p++) {
      if (!held[p]) {
        s[k++] = set[p];
      }
    }
    double[][] system = new double[m][m + 1];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        int lo = Math.min(s[i], s[j]);
        int hi = Math.max(s[i], s[j]);
        system[i][j] = problem.labels().sign(s[i]) * problem.labels().sign(s[j]) * problem.gram().k().get(lo, hi);
      }
      system[i][m] = 1;
    }
    double[] solution = GaussJordan.solve(system);
    double[] x = new double[set.length];
    for (int p = 0, k = 0; p < set.length; p++) {
      x[p] = held[p] ? 0 : solution[k++];
    }
    return x;
  }

  private static void assertClose(double[] expected, double[] actual) {
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-8 * scale, "coefficient " + i);
    }
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
