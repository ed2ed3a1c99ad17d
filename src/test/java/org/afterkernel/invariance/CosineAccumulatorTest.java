package org.afterkernel.invariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CosineAccumulatorTest {

  /**
   * The script's ave_cosine written as it reads: normalise each row of each matrix by (1e-4 +
   * norm), then average the row sums of the elementwise product.
   */
  private static double naiveMeanCosine(double[][] a, double[][] b) {
    double[][] na = normalizeRows(a);
    double[][] nb = normalizeRows(b);
    double total = 0;
    for (int i = 0; i < a.length; i++) {
      double rowSum = 0;
      for (int j = 0; j < a[i].length; j++) {
        rowSum += na[i][j] * nb[i][j];
      }
      total += rowSum;
    }
    return total / a.length;
  }

  private static double[][] normalizeRows(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double sq = 0;
      for (double v : x[i]) {
        sq += v * v;
      }
      double d = 1e-4 + Math.sqrt(sq);
      out[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = x[i][j] / d;
      }
    }
    return out;
  }

  @Test
  void handComputedRows() {
    CosineAccumulator acc = new CosineAccumulator();
    // [3, 4] with itself: 25 / 5.0001^2; orthogonal rows: 0; a zero row: 0; [1, 0] vs [-2, 0]: -2 /
    // (1.0001 * 2.0001).
    acc.add(new float[] {3, 4, 1, 0}, new float[] {3, 4, 0, 1}, 2);
    acc.add(new float[] {0, 0, 1, 0}, new float[] {5, 5, -2, 0}, 2);
    double expected = (25 / (5.0001 * 5.0001) + 0 + 0 + -2 / (1.0001 * 2.0001)) / 4;
    assertEquals(expected, acc.mean(), 1e-15);
    assertEquals(4, acc.count());
  }

  /** Random after-kernel-like (wide) and conjugate-like (narrow) embeddings, in uneven blocks. */
  @Test
  void streamingBlocksEqualTheNaiveFormula() {
    Random rnd = new Random(7);
    for (int width : new int[] {1, 5, 64, 3001}) {
      int rows = 23;
      double[][] a = new double[rows][width];
      double[][] b = new double[rows][width];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < width; j++) {
          a[i][j] = (float) rnd.nextGaussian();
          b[i][j] = (float) (a[i][j] * 0.8 + 0.3 * rnd.nextGaussian());
        }
      }
      a[4] = new double[width]; // a zero row contributes 0
      CosineAccumulator fromFloats = new CosineAccumulator();
      int[] blocks = {1, 5, 7, 10};
      int start = 0;
      for (int n : blocks) {
        float[] fa = new float[n * width];
        float[] fb = new float[n * width];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < width; j++) {
            fa[i * width + j] = (float) a[start + i][j];
            fb[i * width + j] = (float) b[start + i][j];
          }
        }
        fromFloats.add(fa, fb, n);
        start += n;
      }
      double naive = naiveMeanCosine(a, b);
      assertEquals(naive, fromFloats.mean(), 1e-12, "width " + width);
      assertEquals(rows, fromFloats.count());
    }
  }

  @Test
  void identicalRowsGiveAlmostOneBecauseOfTheEpsilon() {
    CosineAccumulator acc = new CosineAccumulator();
    acc.add(new float[] {0.01f, 0}, new float[] {0.01f, 0}, 1);
    // 1e-4 / (1e-2 + 1e-4)^2 = 0.980296...
    assertEquals(1e-4 / ((0.01 + 1e-4) * (0.01 + 1e-4)), acc.mean(), 1e-9);
  }

  @Test
  void badBlocksAreRejected() {
    CosineAccumulator acc = new CosineAccumulator();
    assertThrows(IllegalArgumentException.class, () -> acc.add(new float[4], new float[6], 2));
    assertThrows(IllegalArgumentException.class, () -> acc.add(new float[5], new float[5], 2));
    assertThrows(IllegalStateException.class, acc::mean);
    acc.add(new float[4], new float[4], 2);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> acc.add(new float[6], new float[6], 2));
    assertEquals("block rows have 3 features, earlier blocks had 2", e.getMessage());
  }
}
