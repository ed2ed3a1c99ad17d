package org.afterkernel.io;

import java.util.Arrays;

/**
 * An array read from or written to a {@code .npy} file: a shape, an element type and the elements
 * in C (row-major) order. Exactly one of the typed data arrays is held; the {@code as*} accessors
 * convert on demand.
 *
 * @param shape the dimensions, outermost first
 * @param dtype the element type as stored in the file
 * @param data a {@code float[]}, {@code double[]} or {@code long[]} holding the elements
 */
public record NpyArray(long[] shape, NpyType dtype, Object data) {

  public NpyArray {
    shape = shape.clone();
    long n = elementCount(shape);
    int len =
        data instanceof float[] f
            ? f.length
            : data instanceof double[] d
                ? d.length
                : data instanceof long[] l ? l.length : -1;
    if (len < 0) {
      throw new IllegalArgumentException("data must be float[], double[] or long[]");
    }
    if (len != n) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " elements, got " + len);
    }
  }

  /** A float32 array. */
  public static NpyArray ofFloats(long[] shape, float[] data) {
    return new NpyArray(shape, NpyType.FLOAT32, data);
  }

  /** A float64 array. */
  public static NpyArray ofDoubles(long[] shape, double[] data) {
    return new NpyArray(shape, NpyType.FLOAT64, data);
  }

  /** An int64 array. */
  public static NpyArray ofLongs(long[] shape, long[] data) {
    return new NpyArray(shape, NpyType.INT64, data);
  }

  /** The product of the dimensions. */
  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code i}. */
  public long dim(int i) {
    return shape[i];
  }

  /** Number of elements. */
  public int size() {
    return (int) elementCount(shape);
  }

  /** The elements as floats (the stored array itself when it is float32). */
  public float[] asFloats() {
    if (data instanceof float[] f) {
      return f;
    }
    float[] out = new float[size()];
    if (data instanceof double[] d) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) d[i];
      }
    } else {
      long[] l = (long[]) data;
      for (int i = 0; i < out.length; i++) {
        out[i] = l[i];
      }
    }
    return out;
  }

  /** The elements as doubles. */
  public double[] asDoubles() {
    if (data instanceof double[] d) {
      return d;
    }
    double[] out = new double[size()];
    if (data instanceof float[] f) {
      for (int i = 0; i < out.length; i++) {
        out[i] = f[i];
      }
    } else {
      long[] l = (long[]) data;
      for (int i = 0; i < out.length; i++) {
        out[i] = l[i];
      }
    }
    return out;
  }

  /**
   * The elements as integers; floating-point elements must be integral.
   *
   * @throws IllegalArgumentException naming the first non-integral element
   */
  public long[] asLongs() {
    if (data instanceof long[] l) {
      return l;
    }
    double[] d = asDoubles();
    long[] out = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      if (d[i] != Math.rint(d[i]) || Double.isInfinite(d[i])) {
        throw new IllegalArgumentException("element " + i + " is " + d[i] + ", not an integer");
      }
      out[i] = (long) d[i];
    }
    return out;
  }

  /** The shape in NumPy's notation, e.g. {@code (3, 4)} or {@code (5,)}. */
  public String shapeString() {
    return NpyType.shapeString(shape);
  }
}
