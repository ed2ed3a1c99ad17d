package org.afterkernel.linear;

import java.util.Arrays;
import org.afterkernel.io.NpyArray;

/**
 * A dense real matrix stored row-major in single precision: the representation of feature matrices
 * (one row per example) and of Gram matrices shared by the {@code kernel} and {@code linear}
 * packages. Storage is float to halve memory traffic; every product over it accumulates in double.
 * The whole matrix lives in one Java array, so {@code rows * cols} must stay below 2^31.
 *
 * <p>The record does not copy {@code data}: the caller hands the array over and must not change
 * it while solvers use the matrix.
 *
 * @param rows number of rows (examples, or the first index of a kernel)
 * @param cols number of columns (features, or the second index of a kernel)
 * @param data the {@code rows * cols} elements, row {@code i} at {@code [i * cols, (i + 1) * cols)}
 */
public record DenseMatrix(int rows, int cols, float[] data) {

  public DenseMatrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
    }
    if ((long) rows * cols > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a " + rows + " x " + cols + " matrix has more than 2^31 elements");
    }
    if (data.length != rows * cols) {
      throw new IllegalArgumentException(
          rows + " x " + cols + " matrix needs " + rows * cols + " elements, got " + data.length);
    }
  }

  /** A zero matrix. */
  public static DenseMatrix zeros(int rows, int cols) {
    return new DenseMatrix(rows, cols, new float[Math.multiplyExact(rows, cols)]);
  }

  /**
   * A view of a two-dimensional {@code .npy} array (float32 arrays are used without copying).
   *
   * @throws IllegalArgumentException when the array is not two-dimensional
   */
  public static DenseMatrix of(NpyArray array) {
    if (array.rank() != 2) {
      throw new IllegalArgumentException(
          "expected a 2-D array, got shape " + array.shapeString());
    }
    return new DenseMatrix((int) array.dim(0), (int) array.dim(1), array.asFloats());
  }

  /** Element {@code (i, j)}. */
  public float get(int i, int j) {
    return data[i * cols + j];
  }

  /** Offset of row {@code i} in {@link #data()}. */
  public int rowOffset(int i) {
    return i * cols;
  }

  /** A copy of row {@code i}. */
  public float[] row(int i) {
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  /** A new matrix holding rows {@code [from, to)} (copied). */
  public DenseMatrix rows(int from, int to) {
    return new DenseMatrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
  }

  /** The shape as {@code rows x cols}. */
  public String shapeString() {
    return rows + " x " + cols;
  }

  /** Bytes held by the elements. */
  public long bytes() {
    return 4L * data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DenseMatrix[" + shapeString() + "]";
  }
}
