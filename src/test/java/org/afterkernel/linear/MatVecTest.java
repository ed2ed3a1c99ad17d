package org.afterkernel.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatVecTest {
  private static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * scale, "element " + i);
    }
  }

  @Test
  void blockedParallelProductsAgreeWithThePlainLoops() {
    Random rnd = new Random(1);
    // Shapes below and above the parallel threshold, with row counts not divisible by 4 or 8.
    int[][] shapes = {{1, 1}, {3, 5}, {7, 9}, {33, 17}, {301, 257}, {1027, 130}, {45, 3001}, {4, 70000}};
    for (int[] s : shapes) {
      DenseMatrix a = TestProblems.gaussian(s[0], s[1], 1, rnd);
      double[] x = rnd.doubles(s[1], -1, 1).toArray();
      double[] u = rnd.doubles(s[0], -1, 1).toArray();
      double[] y = new double[s[0]];
      MatVec.multiply(a, x, y);
      assertClose(ReferenceMatVec.multiply(a, x), y, 1e-12);
      double[] v = new double[s[1]];
      MatVec.multiplyTransposed(a, u, v);
      assertClose(ReferenceMatVec.multiplyTransposed(a, u), v, 1e-12);
    }
  }

  @Test
  void symmetricProductFromTheUpperTriangleAgreesWithThePlainLoop() {
    Random rnd = new Random(3);
    // Sizes below and above the parallel threshold, not multiples of 8, and with empty chunks.
    for (int n : new int[] {1, 2, 7, 9, 30, 255, 257, 1003}) {
      DenseMatrix x = TestProblems.gaussian(n, 5, 1, rnd);
      DenseMatrix k = TestProblems.gram(x, x);
      double[] v = rnd.doubles(n, -1, 1).toArray();
      double[] y = new double[n];
      SymmetricMatVec.multiply(k, v, y);
      assertClose(ReferenceMatVec.multiply(k, v), y, 1e-12);
    }
    for (int n : new int[] {8, 100, 1000, 12_000}) {
      int[] b = SymmetricMatVec.balancedChunks(n);
      assertEquals(0, b[0]);
      assertEquals(n, b[b.length - 1]);
      for (int c = 1; c < b.length; c++) {
        assertTrue(b[c] >= b[c - 1] && (b[c] % 8 == 0 || b[c] == n), "chunk bounds " + java.util.Arrays.toString(b));
      }
    }
  }

  @Test
  void productsAreReproducibleAcrossCalls() {
    Random rnd = new Random(2);
    DenseMatrix a = TestProblems.gaussian(997, 211, 1, rnd);
    double[] u = rnd.doubles(997).toArray();
    double[] first = new double[211];
    double[] second = new double[211];
    MatVec.multiplyTransposed(a, u, first);
    MatVec.multiplyTransposed(a, u, second);
    assertArrayEquals(first, second, 0.0);
  }

  @Test
  void referenceLoopsComputeKnownProducts() {
    DenseMatrix a = new DenseMatrix(2, 3, new float[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new double[] {14, 32}, ReferenceMatVec.multiply(a, new double[] {1, 2, 3}), 0);
    assertArrayEquals(
        new double[] {9, 12, 15}, ReferenceMatVec.multiplyTransposed(a, new double[] {1, 2}), 0);
  }

  @Test
  void signedProductsAreTheProductsOfTheSignedRows() {
    Random rnd = new Random(4);
    // Below and above the parallel threshold.
    for (int[] shape : new int[][] {{13, 7}, {1030, 131}}) {
      int n = shape[0];
      int p = shape[1];
      DenseMatrix a = TestProblems.gaussian(n, p, 1, rnd);
      double[] signs = new double[n];
      for (int i = 0; i < n; i++) {
        signs[i] = rnd.nextBoolean() ? 1 : -1;
      }
      double[] w = rnd.doubles(p, -1, 1).toArray();
      double[] c = rnd.doubles(n, 0, 1).toArray();
      double[] margins = new double[n];
      double[] weights = new double[p];
      MatVec.multiplySigned(a, signs, w, margins);
      MatVec.multiplyTransposedSigned(a, signs, c, weights);
      // Z = diag(signs) A written out, then plain sums.
      double[] expectedMargins = new double[n];
      double[] expectedWeights = new double[p];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          double z = signs[i] * a.data()[a.rowOffset(i) + j];
          expectedMargins[i] += z * w[j];
          expectedWeights[j] += z * c[i];
        }
      }
      assertClose(expectedMargins, margins, 1e-12);
      assertClose(expectedWeights, weights, 1e-12);
      // The scaled form: -Z^T c, the losses' gradient, is the negation of the plain sums.
      double[] negated = new double[p];
      MatVec.multiplyTransposedSigned(a, signs, c, -1, negated);
      for (int j = 0; j < p; j++) {
        expectedWeights[j] = -expectedWeights[j];
      }
      assertClose(expectedWeights, negated, 1e-12);
    }
  }
}
