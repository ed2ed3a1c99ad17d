package org.afterkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.afterkernel.linear.DenseMatrix;
import org.junit.jupiter.api.Test;

/** Kernel statistics on matrices whose answers are known by hand. */
class KernelStatsTest {
  private static DenseMatrix m(int n, float... v) {
    return new DenseMatrix(n, n, v);
  }

  @Test
  void alignment() {
    DenseMatrix g = m(2, 1, 2, 2, 5);
    assertEquals(1.0, KernelStats.alignment(g, g), 1e-12);
    assertEquals(1.0, KernelStats.alignment(g, m(2, 3, 6, 6, 15)), 1e-12, "scale invariant");
    assertEquals(0.0, KernelStats.alignment(m(2, 1, 0, 0, 0), m(2, 0, 0, 0, 1)), 1e-12);
    // <G,H> = 1*1 + 0 + 0 + 1*2 = 3; ||G|| = sqrt(2); ||H|| = sqrt(1 + 4) -> 3 / sqrt(10)
    assertEquals(3 / Math.sqrt(10), KernelStats.alignment(m(2, 1, 0, 0, 1), m(2, 1, 0, 0, 2)), 1e-12);
  }

  @Test
  void effectiveRank() {
    assertEquals(3.0, KernelStats.effectiveRank(m(3, 1, 0, 0, 0, 1, 0, 0, 0, 1)), 1e-9);
    assertEquals(7.0 / 4, KernelStats.effectiveRank(m(3, 4, 0, 0, 0, 2, 0, 0, 0, 1)), 1e-9);
    // Rank one: v v^T with v = (1, 2, 2): trace 9 = lambda_max.
    assertEquals(1.0, KernelStats.effectiveRank(m(3, 1, 2, 2, 2, 4, 4, 2, 4, 4)), 1e-6);
    // [[2,1],[1,2]] has eigenvalues 3 and 1: trace 4 / 3.
    assertEquals(4.0 / 3, KernelStats.effectiveRank(m(2, 2, 1, 1, 2)), 1e-9);
  }

  @Test
  void targetAlignment() {
    int[] y = {1, 0, 1};
    // K = y y^T (y = +-1): y^T K y = n^2, ||K||_F = n, ||y||^2 = n -> 1.
    DenseMatrix k = m(3, 1, -1, 1, -1, 1, -1, 1, -1, 1);
    assertEquals(1.0, KernelStats.targetAlignment(k, y), 1e-12);
    // Identity: y^T I y = 3, ||I||_F = sqrt(3), ||y||^2 = 3 -> 1/sqrt(3).
    assertEquals(1 / Math.sqrt(3), KernelStats.targetAlignment(m(3, 1, 0, 0, 0, 1, 0, 0, 0, 1), y), 1e-12);
  }

  @Test
  void classTargetAlignmentAndAlignmentWithAnyTarget() {
    // Classes (0, 1, 0): Y Y^T = [[1,0,1],[0,1,0],[1,0,1]] is aligned with itself: 1.
    int[] y = {0, 1, 0};
    DenseMatrix same = m(3, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    assertEquals(1.0, KernelStats.classTargetAlignment(same, y), 1e-12);
    // Identity: same-class sum 3, ||I||_F = sqrt(3), sqrt(2^2 + 1^2) = sqrt(5) -> 3 / sqrt(15).
    assertEquals(3 / Math.sqrt(15), KernelStats.classTargetAlignment(m(3, 1, 0, 0, 0, 1, 0, 0, 0, 1), y), 1e-12);
    // A 0/1 target vector (1, 0, 1) and the identity: y^T I y = 2, ||I||_F = sqrt(3), ||y||^2 = 2.
    assertEquals(1 / Math.sqrt(3), KernelStats.targetAlignment(m(3, 1, 0, 0, 0, 1, 0, 0, 0, 1),
        new double[] {1, 0, 1}), 1e-12);
  }

  @Test
  void topEigenvectorsAndTheirSubspaceOverlap() {
    // [[2,1],[1,2]]: largest eigenvalue 3 with (1,1)/sqrt 2.
    double[] top = KernelStats.topEigenvectors(m(2, 2, 1, 1, 2), 1);
    assertEquals(1 / Math.sqrt(2), Math.abs(top[0]), 1e-9);
    assertEquals(top[0], top[1], 1e-9);
    // diag(1, 5, 3): top two are e2 then e3.
    double[] u = KernelStats.topEigenvectors(m(3, 1, 0, 0, 0, 5, 0, 0, 0, 3), 2);
    assertEquals(1.0, Math.abs(u[1 * 2 + 0]), 1e-12);
    assertEquals(1.0, Math.abs(u[2 * 2 + 1]), 1e-12);
    assertEquals(1.0, KernelStats.subspaceOverlap(u, u, 3, 2), 1e-12);
    // span{e2, e3} against span{e1, e2}: only e2 is shared -> 1/2.
    double[] v = KernelStats.topEigenvectors(m(3, 5, 0, 0, 0, 4, 0, 0, 0, 1), 2);
    assertEquals(0.5, KernelStats.subspaceOverlap(u, v, 3, 2), 1e-12);
    // A rotation inside the subspace leaves the overlap at 1.
    double c = Math.cos(0.3);
    double s = Math.sin(0.3);
    double[] rotated = {0, 0, c, -s, s, c};
    assertEquals(1.0, KernelStats.subspaceOverlap(u, rotated, 3, 2), 1e-12);
  }
}
