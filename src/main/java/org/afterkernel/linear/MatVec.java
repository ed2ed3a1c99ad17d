package org.afterkernel.linear;

import java.util.stream.IntStream;

/**
 * Fast matrix-vector products over a {@link DenseMatrix}: float elements, double vectors and
 * double accumulation. The matrices of this project are far larger than the caches, so a product
 * is limited by how fast the matrix streams from memory; these loops read each element once, work
 * on four rows at a time (four independent accumulators hide the floating-point latency and each
 * vector element is loaded once per four rows) and split the rows over all cores.
 *
 * <p>Results do not depend on the number of cores: {@link #multiply} computes each output element
 * in one fixed order, and {@link #multiplyTransposed} sums per-chunk partial results in chunk order
 * over a chunking that depends only on the matrix shape. {@link ReferenceMatVec} is the plain-loop
 * reference they are tested against.
 */
public final class MatVec {
  /** Below this many elements a product runs on the calling thread (forking costs more). */
  private static final long PARALLEL_THRESHOLD = 1L << 16;
  /** Chunks of rows of a transposed product (fixed, so that the summation order is too). */
  private static final int TRANSPOSED_CHUNKS = 8;

  private MatVec() {}

  /** {@code y = A x}: {@code x} has {@code A.cols()} elements, {@code y} has {@code A.rows()}. */
  public static void multiply(DenseMatrix a, double[] x, double[] y) {
    check(a.cols(), x.length, a.rows(), y.length);
    int groups = (a.rows() + 3) / 4;
    if ((long) a.rows() * a.cols() < PARALLEL_THRESHOLD) {
      multiplyRows(a, x, y, 0, a.rows());
      return;
    }
    // Blocks of 64 row groups: enough blocks to balance two or more cores, few enough to be cheap.
    int blocks = (groups + 63) / 64;
    IntStream.range(0, blocks)
        .parallel()
        .forEach(b -> multiplyRows(a, x, y, b * 256, Math.min(a.rows(), (b + 1) * 256)));
  }

  /** {@code y = A^T x}: {@code x} has {@code A.rows()} elements, {@code y} has {@code A.cols()}. */
  public static void multiplyTransposed(DenseMatrix a, double[] x, double[] y) {
    check(a.rows(), x.length, a.cols(), y.length);
    int rows = a.rows();
    int cols = a.cols();
    if ((long) rows * cols < PARALLEL_THRESHOLD || rows < 4 * TRANSPOSED_CHUNKS) {
      java.util.Arrays.fill(y, 0);
      accumulateTransposed(a, x, y, 0, rows);
      return;
    }
    int chunkRows = 4 * ((rows + 4 * TRANSPOSED_CHUNKS - 1) / (4 * TRANSPOSED_CHUNKS));
    double[][] partial = new double[TRANSPOSED_CHUNKS][];
    IntStream.range(0, TRANSPOSED_CHUNKS)
        .parallel()
        .forEach(
            c -> {
              int from = Math.min(rows, c * chunkRows);
              int to = Math.min(rows, from + chunkRows);
              double[] p = new double[cols];
              accumulateTransposed(a, x, p, from, to);
              partial[c] = p;
            });
    java.util.Arrays.fill(y, 0);
    for (double[] p : partial) {
      for (int k = 0; k < cols; k++) {
        y[k] += p[k];
      }
    }
  }

  /**
   * {@code y = Z x} with {@code Z = diag(signs) A}, the labelled rows of a max-margin problem: {@code
   * y_i = signs_i (a_i . x)}, the functional margins of {@code x}.
   */
  public static void multiplySigned(DenseMatrix a, double[] signs, double[] x, double[] y) {
    multiply(a, x, y);
    for (int i = 0; i < y.length; i++) {
      y[i] *= signs[i];
    }
  }

  /**
   * {@code y = Z^T x = A^T (signs o x)} with {@code Z = diag(signs) A}: the weight vector {@code w =
   * Z^T a} of dual coefficients {@code a}.
   */
  public static void multiplyTransposedSigned(DenseMatrix a, double[] signs, double[] x, double[] y) {
    multiplyTransposedSigned(a, signs, x, 1, y);
  }

  /**
   * {@code y = factor Z^T x}: with {@code factor = -1} the gradient {@code -Z^T q} of the logistic
   * and exponential losses of the margins (the sign is applied to {@code x}, exactly).
   */
  public static void multiplyTransposedSigned(
      DenseMatrix a, double[] signs, double[] x, double factor, double[] y) {
    double[] sx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      sx[i] = factor * signs[i] * x[i];
    }
    multiplyTransposed(a, sx, y);
  }

  /** Rows {@code [from, to)} of {@code y = A x}, four rows per pass over {@code x}. */
  private static void multiplyRows(DenseMatrix m, double[] x, double[] y, int from, int to) {
    float[] a = m.data();
    int cols = m.cols();
    int i = from;
    for (; i + 3 < to; i += 4) {
      int o0 = i * cols;
      int o1 = o0 + cols;
      int o2 = o1 + cols;
      int o3 = o2 + cols;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int k = 0; k < cols; k++) {
        double xk = x[k];
        s0 += a[o0 + k] * xk;
        s1 += a[o1 + k] * xk;
        s2 += a[o2 + k] * xk;
        s3 += a[o3 + k] * xk;
      }
      y[i] = s0;
      y[i + 1] = s1;
      y[i + 2] = s2;
      y[i + 3] = s3;
    }
    for (; i < to; i++) {
      y[i] = dot(a, i * cols, x, cols);
    }
  }

  /** Adds rows {@code [from, to)} of {@code A^T x} into {@code y}, four rows per pass over y. */
  private static void accumulateTransposed(DenseMatrix m, double[] x, double[] y, int from, int to) {
    float[] a = m.data();
    int cols = m.cols();
    int i = from;
    for (; i + 3 < to; i += 4) {
      int o0 = i * cols;
      int o1 = o0 + cols;
      int o2 = o1 + cols;
      int o3 = o2 + cols;
      double x0 = x[i];
      double x1 = x[i + 1];
      double x2 = x[i + 2];
      double x3 = x[i + 3];
      for (int k = 0; k < cols; k++) {
        y[k] += (a[o0 + k] * x0 + a[o1 + k] * x1) + (a[o2 + k] * x2 + a[o3 + k] * x3);
      }
    }
    for (; i < to; i++) {
      double xi = x[i];
      int o = i * cols;
      for (int k = 0; k < cols; k++) {
        y[k] += a[o + k] * xi;
      }
    }
  }

  /** Dot product of {@code len} elements of {@code a} from {@code off} with {@code x}. */
  private static double dot(float[] a, int off, double[] x, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += a[off + k] * x[k];
      s1 += a[off + k + 1] * x[k + 1];
      s2 += a[off + k + 2] * x[k + 2];
      s3 += a[off + k + 3] * x[k + 3];
    }
    for (; k < len; k++) {
      s0 += a[off + k] * x[k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void check(int inDim, int inLen, int outDim, int outLen) {
    if (inLen != inDim || outLen != outDim) {
      throw new IllegalArgumentException(
          "vector lengths " + inLen + " -> " + outLen + " do not fit " + inDim + " -> " + outDim);
    }
  }
}
