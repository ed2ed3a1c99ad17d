package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** One-hot kernel regression with a scalar kernel and with a full C-output kernel. */
class ClassRegressionTest {
  private static final int N = 9;
  private static final int M = 4;
  private static final int C = 3;

  /** Rows of random 4-dimensional points: the first N training, the next M test. */
  private static double[][] points() {
    Random rnd = new Random(11);
    double[][] x = new double[N + M][4];
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** K(rows from, cols from) of the points, as float32 entries. */
  private static DenseMatrix linearKernel(double[][] x, int r0, int r1, int c0, int c1) {
    float[] k = new float[(r1 - r0) * (c1 - c0)];
    for (int i = r0; i < r1; i++) {
      for (int j = c0; j < c1; j++) {
        k[(i - r0) * (c1 - c0) + j - c0] = (float) (1 + dot(x[i], x[j]));
      }
    }
    return new DenseMatrix(r1 - r0, c1 - c0, k);
  }

  /** Solves (K + ridge I) a = y by Gauss-Jordan elimination with partial pivoting. */
  private static double[] solve(DenseMatrix k, double[] y, double ridge) {
    int n = y.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = k.get(i, j) + (i == j ? ridge : 0);
      }
      a[i][n] = y[i];
    }
    return GaussJordan.solve(a);
  }

  private static final int[] LABELS = {0, 1, 2, 2, 1, 0, 0, 2, 1};

  @Test
  void scalarKernelPredictionsAreTheCrossKernelTimesTheSolvedOneHotColumns() {
    double[][] x = points();
    DenseMatrix k = linearKernel(x, 0, N, 0, N);
    DenseMatrix cross = linearKernel(x, N, N + M, 0, N);
    double ridge = 0.4;
    ClassRegression fit = ClassRegression.withScalarKernel(k, cross, LABELS, C, ridge);
    for (int c = 0; c < C; c++) {
      double[] y = new double[N];
      for (int i = 0; i < N; i++) {
        y[i] = LABELS[i] == c ? 1 : 0;
      }
      double[] alpha = solve(k, y, ridge);
      for (int t = 0; t < M; t++) {
        double p = 0;
        for (int i = 0; i < N; i++) {
          p += cross.get(t, i) * alpha[i];
        }
        assertEquals(p, fit.testPredictions()[t * C + c], 1e-9, "test " + t + " class " + c);
      }
    }
  }

  @Test
  void theFullKernelOfIndependentOutputsGivesTheScalarKernelsPredictions() {
    // K_full = K (x) I_C: outputs that share K and never interact regress as C separate columns.
    double[][] x = points();
    DenseMatrix k = linearKernel(x, 0, N, 0, N);
    DenseMatrix cross = linearKernel(x, N, N + M, 0, N);
    ClassRegression scalar = ClassRegression.withScalarKernel(k, cross, LABELS, C, 0.2);
    ClassRegression full = ClassRegression.withFullKernel(kronIdentity(k), kronIdentity(cross), LABELS, C, 0.2);
    assertArrayEquals(scalar.testPredictions(), full.testPredictions(), 1e-9);
    assertArrayEquals(scalar.trainPredictions(), full.trainPredictions(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> ClassRegression.withFullKernel(k, cross, LABELS, C, 0.2));
  }

  private static DenseMatrix kronIdentity(DenseMatrix k) {
    int r = k.rows() * C;
    int c = k.cols() * C;
    float[] v = new float[r * c];
    for (int i = 0; i < k.rows(); i++) {
      for (int j = 0; j < k.cols(); j++) {
        for (int o = 0; o < C; o++) {
          v[(i * C + o) * c + j * C + o] = k.get(i, j);
        }
      }
    }
    return new DenseMatrix(r, c, v);
  }

  @Test
  void errorsAgreementAndProbabilitiesByHand() {
    double[] p = {0.1, 0.7, 0.2, 0.5, 0.4, 0.1};
    assertEquals(0.5, ClassRegression.error(p, 3, new int[] {1, 2}));
    assertEquals(0.5, ClassRegression.classAgreement(p, new double[] {0, 1, 0, 0, 0, 1}, 3));
    double[] s = ClassRegression.softmaxRows(new double[] {0, Math.log(3), 1000, 1000}, 2);
    assertArrayEquals(new double[] {0.25, 0.75, 0.5, 0.5}, s, 1e-12);
    assertArrayEquals(new double[] {0, 1, 1, 0}, ClassRegression.oneHot(new int[] {1, 0}, 2));
    assertThrows(IllegalArgumentException.class, () -> ClassRegression.oneHot(new int[] {2}, 2));
  }
}
