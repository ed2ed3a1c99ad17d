package org.afterkernel.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The factorization in place against its definition: {@code L L^T}, multiplied out here in Java,
 * gives back the matrix; and it leaves a matrix it cannot factorize as it was (callers retry with a
 * shifted diagonal on the same array).
 */
class CholeskyFactorTest {
  @Test
  void inPlaceOverwritesTheMatrixWithItsFactor() {
    int n = 37;
    double[] a = spd(n, 5);
    double[] original = a.clone();
    CholeskyFactor f = CholeskyFactor.inPlace(a, n);
    assertSame(a, f.lower());
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * a[j * n + k];
        }
        assertEquals(original[i * n + j], s, 1e-11 * Math.abs(original[i * n + i]), i + "," + j);
        if (j > i) {
          assertEquals(0, a[i * n + j], "upper triangle at " + i + "," + j);
        }
      }
    }
    assertArrayEquals(CholeskyFactor.of(original, n).lower(), a, "the copying factorization's factor");
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteIsLeftAsItWas() {
    double[] a = {1, 2, 0, 2, 1, 0, 0, 0, 3}; // eigenvalues 3, -1, 3
    double[] before = a.clone();
    assertNull(CholeskyFactor.inPlace(a, 3));
    assertArrayEquals(before, a);
  }

  @Test
  void theCopyingFactorizationLeavesItsInputAlone() {
    double[] a = spd(9, 6);
    double[] before = a.clone();
    CholeskyFactor.of(a, 9);
    assertArrayEquals(before, a);
  }

  /** {@code B B^T + n I} for a random {@code B}. */
  private static double[] spd(int n, long seed) {
    Random r = new Random(seed);
    double[] b = new double[n * n];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextGaussian();
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? n : 0;
        for (int k = 0; k < n; k++) {
          s += b[i * n + k] * b[j * n + k];
        }
        a[i * n + j] = s;
      }
    }
    return a;
  }
}
