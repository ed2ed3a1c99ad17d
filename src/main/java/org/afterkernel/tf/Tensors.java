package org.afterkernel.tf;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between Java arrays and tensors. Callers close the tensors they receive. */
public final class Tensors {
  private Tensors() {}

  /** A float32 tensor of {@code shape} holding {@code data} (C order). */
  public static TFloat32 floats(long[] shape, float[] data) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
  }

  /** A float32 tensor of {@code shape} holding {@code length} values of {@code data} from {@code offset}. */
  public static TFloat32 floats(long[] shape, float[] data, int offset, int length) {
    return TFloat32.tensorOf(
        Shape.of(shape), DataBuffers.of(data, true, false).slice(offset, length));
  }


  /** The values of a float32 tensor, in C order. */
  public static float[] toFloats(TFloat32 t) {
    long n = t.shape().size();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor of " + n + " values does not fit one array");
    }
    float[] out = new float[(int) n];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Writes {@code values} into a float32 tensor, starting at element {@code offset} (C order), in bulk. */
  public static void write(TFloat32 t, long offset, float[] values) {
    t.asRawTensor().data().asFloats().slice(offset, values.length).write(values);
  }

  /**
   * Copies {@code rows} rows of {@code width} values of {@code src} into {@code dst}, row i at
   * element {@code offset + i * stride}, natively (no Java array).
   */
  public static void copyRows(TFloat32 src, int rows, long width, TFloat32 dst, long offset, long stride) {
    var from = src.asRawTensor().data().asFloats();
    var to = dst.asRawTensor().data().asFloats();
    for (int i = 0; i < rows; i++) {
      from.slice(i * width, width).copyTo(to.slice(offset + i * stride, width), width);
    }
  }

  /**
   * Copies {@code rows} rows of {@code width} values of {@code src} into {@code dst}, row i at
   * index {@code offset + i * stride}.
   */
  public static void copyRows(TFloat32 src, int rows, int width, float[] dst, int offset, int stride) {
    var from = src.asRawTensor().data().asFloats();
    for (int i = 0; i < rows; i++) {
      from.slice((long) i * width, width).read(dst, offset + i * stride, width);
    }
  }

  /** Copies the values of a float32 tensor into {@code dst} at {@code offset}. */
  public static void copyInto(TFloat32 t, float[] dst, int offset) {
    long n = t.shape().size();
    t.copyTo(DataBuffers.of(dst, false, false).slice(offset, n));
  }
}
