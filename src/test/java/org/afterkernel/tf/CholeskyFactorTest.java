package org.afterkernel.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aPositiveDefiniteMatrixIsFactorizedWithoutJitterWhenAllowed() {
    double[] a = spd(11, 7);
    double[] original = a.clone();
    CholeskyFactor f = CholeskyFactor.inPlaceWithJitter(a, 11, 0);
    assertEquals(0, f.jitter());
    assertArrayEquals(CholeskyFactor.of(original, 11).lower(), f.lower());
  }

  @Test
  void aSingularMatrixIsFactorizedWithAJitterOfItsSequence() {
    // v v^T for v = (1, 2, 3): rank one (its second pivot is exactly 0), mean diagonal 14 / 3.
    double[] v = {1, 2, 3};
    double[] a = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        a[i * 3 + j] = v[i] * v[j];
      }
    }
    double[] original = a.clone();
    CholeskyFactor f = CholeskyFactor.inPlaceWithJitter(a, 3, 0);
    double mu = f.jitter();
    assertTrue(mu > 0, "a singular matrix needs a jitter");
    double steps = Math.log10(mu / 1e-14) / 2;
    assertEquals(Math.rint(steps), steps, 1e-9, "mu " + mu + " is 1e-14 times a power of 100");
    double mean = 14.0 / 3;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += f.lower()[i * 3 + k] * f.lower()[j * 3 + k];
        }
        double expected = original[i * 3 + j] + (i == j ? mu * mean : 0);
        assertEquals(expected, s, 1e-12 * 14, i + "," + j);
      }
    }
  }

  @Test
  void aMatrixNoJitterRescuesIsReported() {
    // An eigenvalue -5: the mean diagonal is negative, so the jitter's scale is the smallest
    // normal double and no multiple below 1 lifts it.
    double[] a = {1, 0, 0, -5};
    assertThrows(IllegalStateException.class, () -> CholeskyFactor.inPlaceWithJitter(a, 2, 0));
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
