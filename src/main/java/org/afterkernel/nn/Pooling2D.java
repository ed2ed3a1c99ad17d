package org.afterkernel.nn;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code MaxPooling2D} / {@code AveragePooling2D} over NHWC images. With "same" padding the
 * padded cells are ignored (TensorFlow semantics: a 7x7 input pooled 2x2 stride 2 gives 4x4, the
 * last row and column pooling over one cell).
 */
public final class Pooling2D extends Layer {
  /** Which statistic the pool takes. */
  public enum Kind { MAX, AVERAGE }

  private final Kind kind;
  private final int poolHeight;
  private final int poolWidth;
  private final int strideHeight;
  private final int strideWidth;
  private final Padding padding;

  public Pooling2D(String name, Kind kind, int[] pool, int[] strides, Padding padding) {
    super(name);
    if (pool[0] <= 0 || pool[1] <= 0 || strides[0] <= 0 || strides[1] <= 0) {
      throw new IllegalArgumentException(
          "pooling '" + name + "': pool size and strides must be positive");
    }
    this.kind = kind;
    this.poolHeight = pool[0];
    this.poolWidth = pool[1];
    this.strideHeight = strides[0];
    this.strideWidth = strides[1];
    this.padding = padding;
  }

  /** Max pooling with a square pool whose stride equals its size (the study's VGG blocks). */
  public static Pooling2D max(String name, int pool, Padding padding) {
    return new Pooling2D(name, Kind.MAX, new int[] {pool, pool}, new int[] {pool, pool}, padding);
  }

  /** Max or average. */
  public Kind kind() {
    return kind;
  }

  /** Pool height and width. */
  public int[] poolSize() {
    return new int[] {poolHeight, poolWidth};
  }

  /** Strides along height and width. */
  public int[] strides() {
    return new int[] {strideHeight, strideWidth};
  }

  /** Padding mode. */
  public Padding padding() {
    return padding;
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length != 3) {
      throw badInput(in, "(height, width, channels)");
    }
    long h = padding.outputSize(in[0], poolHeight, strideHeight, 1);
    long w = padding.outputSize(in[1], poolWidth, strideWidth, 1);
    if (h <= 0 || w <= 0) {
      throw badInput(in, "an image at least as large as the " + poolHeight + "x" + poolWidth + " pool");
    }
    return new long[] {h, w, in[2]};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    List<Long> k = List.of(1L, (long) poolHeight, (long) poolWidth, 1L);
    List<Long> s = List.of(1L, (long) strideHeight, (long) strideWidth, 1L);
    if (kind == Kind.MAX) {
      return tf.nn.maxPool(input, tf.constant(new int[] {1, poolHeight, poolWidth, 1}),
          tf.constant(new int[] {1, strideHeight, strideWidth, 1}), padding.opValue());
    }
    return tf.nn.avgPool(input, k, s, padding.opValue());
  }

  @Override
  public String describe() {
    return String.format(
        "%sPool2D(pool=%dx%d, strides=%dx%d, %s)",
        kind == Kind.MAX ? "Max" : "Average", poolHeight, poolWidth, strideHeight, strideWidth,
        padding.name().toLowerCase(Locale.ROOT));
  }
}
