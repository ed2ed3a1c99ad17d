package org.afterkernel.linear;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code y = K x} for a symmetric matrix (a Gram matrix) that reads only the upper triangle: each
 * stored {@code K_ij}, {@code i < j}, serves both {@code y_i += K_ij x_j} and {@code y_j += K_ij
 * x_i}. Half the memory traffic of a full product, which bounds the dual form's iteration time.
 * The lower triangle is never read, so {@code K} must be symmetric (the {@link TrainingSet.Gram}
 * check allows rounding-level differences; the upper triangle then defines the matrix).
 *
 * <p>Eight rows are processed together (eight dot-product accumulators and one update of {@code
 * y_j} per column). The rows are cut into a fixed number of chunks of equal triangle area, each
 * accumulating into its own vector; the chunk vectors are summed in order, so results depend only
 * on the shape, never on the number of cores. Tested against {@link ReferenceMatVec#multiply}.
 */
public final class SymmetricMatVec {
  private static final int CHUNKS = 8;
  private static final int ROWS = 8;
  private static final long PARALLEL_THRESHOLD = 1L << 16;

  private SymmetricMatVec() {}

  /** {@code y = K x} from the upper triangle of the square matrix {@code K}. */
  public static void multiply(DenseMatrix k, double[] x, double[] y) {
    int n = k.rows();
    if (k.cols() != n || x.length != n || y.length != n) {
      throw new IllegalArgumentException(
          "a symmetric product needs a square matrix and vectors of its size, got "
              + k.shapeString() + ", " + x.length + ", " + y.length);
    }
    if ((long) n * n < PARALLEL_THRESHOLD) {
      Arrays.fill(y, 0);
      accumulate(k, x, y, 0, n);
      return;
    }
    int[] bounds = balancedChunks(n);
    double[][] partial = new double[CHUNKS][];
    IntStream.range(0, CHUNKS)
        .parallel()
        .forEach(
            c -> {
              double[] z = new double[n];
              accumulate(k, x, z, bounds[c], bounds[c + 1]);
              partial[c] = z;
            });
    Arrays.fill(y, 0);
    for (double[] z : partial) {
      for (int j = 0; j < n; j++) {
        y[j] += z[j];
      }
    }
  }

  /** Chunk boundaries (multiples of 8) that give each chunk about the same triangle area. */
  static int[] balancedChunks(int n) {
    int[] bounds = new int[CHUNKS + 1];
    double total = (double) n * (n + 1) / 2;
    double area = 0;
    int c = 1;
    for (int i = 0; i < n && c < CHUNKS; i++) {
      area += n - i;
      if (area >= total * c / CHUNKS) {
        bounds[c++] = Math.min(n, (i + ROWS) / ROWS * ROWS);
      }
    }
    while (c <= CHUNKS) {
      bounds[c++] = n;
    }
    for (int i = 1; i <= CHUNKS; i++) {
      bounds[i] = Math.max(bounds[i], bounds[i - 1]);
    }
    return bounds;
  }

  /** Adds the contributions of the upper-triangle rows {@code [from, to)} to {@code z}. */
  private static void accumulate(DenseMatrix m, double[] x, double[] z, int from, int to) {
    float[] a = m.data();
    int n = m.cols();
    int i = from;
    for (; i + ROWS - 1 < to; i += ROWS) {
      diagonalBlock(a, n, x, z, i);
      int o0 = i * n;
      int o1 = o0 + n;
      int o2 = o1 + n;
      int o3 = o2 + n;
      int o4 = o3 + n;
      int o5 = o4 + n;
      int o6 = o5 + n;
      int o7 = o6 + n;
      double x0 = x[i];
      double x1 = x[i + 1];
      double x2 = x[i + 2];
      double x3 = x[i + 3];
      double x4 = x[i + 4];
      double x5 = x[i + 5];
      double x6 = x[i + 6];
      double x7 = x[i + 7];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      for (int j = i + ROWS; j < n; j++) {
        double k0 = a[o0 + j];
        double k1 = a[o1 + j];
        double k2 = a[o2 + j];
        double k3 = a[o3 + j];
        double k4 = a[o4 + j];
        double k5 = a[o5 + j];
        double k6 = a[o6 + j];
        double k7 = a[o7 + j];
        double xj = x[j];
        s0 += k0 * xj;
        s1 += k1 * xj;
        s2 += k2 * xj;
        s3 += k3 * xj;
        s4 += k4 * xj;
        s5 += k5 * xj;
        s6 += k6 * xj;
        s7 += k7 * xj;
        z[j] += ((k0 * x0 + k1 * x1) + (k2 * x2 + k3 * x3)) + ((k4 * x4 + k5 * x5) + (k6 * x6 + k7 * x7));
      }
      z[i] += s0;
      z[i + 1] += s1;
      z[i + 2] += s2;
      z[i + 3] += s3;
      z[i + 4] += s4;
      z[i + 5] += s5;
      z[i + 6] += s6;
      z[i + 7] += s7;
    }
    for (; i < to; i++) {
      singleRow(a, n, x, z, i);
    }
  }

  /** The upper triangle, diagonal included, of the block {@code [i, i + 8) x [i, i + 8)}. */
  private static void diagonalBlock(float[] a, int n, double[] x, double[] z, int i) {
    for (int row = i; row < i + ROWS; row++) {
      int o = row * n;
      double s = a[o + row] * x[row];
      for (int col = row + 1; col < i + ROWS; col++) {
        s += a[o + col] * x[col];
        z[col] += a[o + col] * x[row];
      }
      z[row] += s;
    }
  }

  /** One whole row of the upper triangle (the rows left over after the groups of eight). */
  private static void singleRow(float[] a, int n, double[] x, double[] z, int row) {
    int o = row * n;
    double xr = x[row];
    double s = a[o + row] * xr;
    for (int col = row + 1; col < n; col++) {
      s += a[o + col] * x[col];
      z[col] += a[o + col] * xr;
    }
    z[row] += s;
  }
}
