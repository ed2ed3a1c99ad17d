package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Kernel regression against closed forms and an independent Gaussian elimination. */
class KernelRegressionTest {
  @Test
  void ridgeOnATwoByTwoGramIsTheHandInverse() {
    // (K + I) = [[3,1],[1,3]], its inverse [[3,-1],[-1,3]] / 8, times (1, -1): (0.5, -0.5).
    KernelRegression r = KernelRegression.fit(new DenseMatrix(2, 2, new float[] {2, 1, 1, 2}), new double[] {1, -1}, 1);
    assertArrayEquals(new double[] {0.5, -0.5}, r.alpha(), 1e-12);
    assertEquals(2, r.rank());
    assertEquals(1, r.smallestEigenvalue(), 1e-12);
    assertEquals(3, r.largestEigenvalue(), 1e-12);
  }

  @Test
  void ridgelessOnASingularGramIsTheMinimumNormLeastSquaresSolution() {
    // K = v v^T, v = (1, 2), y = (1, 1): v.alpha = v.y / |v|^2 = 3/5 and alpha = v * 3/25.
    KernelRegression r = KernelRegression.fit(new DenseMatrix(2, 2, new float[] {1, 2, 2, 4}), new double[] {1, 1}, 0);
    assertEquals(1, r.rank());
    assertArrayEquals(new double[] {0.12, 0.24}, r.alpha(), 1e-12);
    assertArrayEquals(new double[] {0.6, 1.2}, r.predict(new DenseMatrix(2, 2, new float[] {1, 2, 2, 4})), 1e-12);
  }

  @Test
  void aRandomRidgeProblemMatchesGaussianElimination() {
    int n = 12;
    Random rnd = new Random(3);
    double[][] x = new double[n][5];
    for (double[] row : x) {
      for (int j = 0; j < 5; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    float[] k = new float[n * n];
    double[][] a = new double[n][n + 1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextBoolean() ? 1 : -1;
      for (int j = 0; j < n; j++) {
        double d = 0;
        for (int q = 0; q < 5; q++) {
          d += x[i][q] * x[j][q];
        }
        k[i * n + j] = (float) d;
      }
    }
    double ridge = 0.3;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = k[i * n + j] + (i == j ? ridge : 0);
      }
      a[i][n] = y[i];
    }
    // Gauss-Jordan with partial pivoting on the rank-5 + ridge (non-singular) system.
    double[] expected = GaussJordan.solve(a);
    KernelRegression fit = KernelRegression.fit(new DenseMatrix(n, n, k), y, ridge);
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], fit.alpha()[i], 1e-9, "alpha " + i);
    }
    // Ridgeless on the rank-5 Gram: the rank found is 5 and the fit interpolates its projection.
    assertEquals(5, KernelRegression.fit(new DenseMatrix(n, n, k), y, 0).rank());
  }

  @Test
  void agreementOfTwoPredictors() {
    Agreement a = Agreement.of(new double[] {1, 2, 3, -1}, new double[] {2, 4, 6, -2});
    assertEquals(1.0, a.pearson(), 1e-12);
    assertEquals(1.0, a.signAgreement(), 0);
    // differences 1, 2, 3, 1: mean of squares 15/4
    assertEquals(15.0 / 4, a.meanSquaredDifference(), 1e-12);
    assertEquals(0.5, Agreement.of(new double[] {1, -1, 1, -1}, new double[] {1, 1, -1, -1}).signAgreement(), 0);
    assertEquals(0.25, Agreement.signError(new double[] {0.3, -2, 1, 0.1}, new double[] {1, -1, 1, -1}), 0);
  }

  @Test
  void ridgelessAndRidgeMatchNumpysLstsqAndSolve() throws Exception {
    // src/test/resources/regression/make_fixture.py: numpy's lstsq (float32 rcond) and solve.
    DenseMatrix k = DenseMatrix.of(org.afterkernel.io.Npy.read(fixture("gram.npy")));
    double[] y = org.afterkernel.io.Npy.read(fixture("targets.npy")).asDoubles();
    KernelRegression ridgeless = KernelRegression.fit(k, y, 0);
    assertEquals(3, ridgeless.rank());
    assertArrayEquals(org.afterkernel.io.Npy.read(fixture("alpha-ridgeless.npy")).asDoubles(), ridgeless.alpha(), 1e-6);
    assertArrayEquals(org.afterkernel.io.Npy.read(fixture("alpha-ridge-0.05.npy")).asDoubles(),
        KernelRegression.fit(k, y, 0.05).alpha(), 1e-8);
  }

  private static java.nio.file.Path fixture(String name) throws Exception {
    return java.nio.file.Path.of(KernelRegressionTest.class.getResource("/regression/" + name).toURI());
  }
}
