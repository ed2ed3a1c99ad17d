package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GlobalAveragePooling2D} / {@code GlobalMaxPooling2D}: the mean or maximum of each
 * channel over all rows and columns, as a {@code (channels)} vector, or a {@code (1, 1, channels)}
 * image with {@code keepdims}.
 */
public final class GlobalPooling2D extends Layer {
  private final Pooling2D.Kind kind;
  private final boolean keepDims;

  public GlobalPooling2D(String name, Pooling2D.Kind kind, boolean keepDims) {
    super(name);
    this.kind = kind;
    this.keepDims = keepDims;
  }

  public Pooling2D.Kind kind() {
    return kind;
  }

  public boolean keepDims() {
    return keepDims;
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length != 3) {
      throw badInput(in, "(height, width, channels)");
    }
    return keepDims ? new long[] {1, 1, in[2]} : new long[] {in[2]};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    Operand<org.tensorflow.types.TInt32> axes = tf.constant(new int[] {1, 2});
    return kind == Pooling2D.Kind.MAX
        ? tf.max(input, axes, Max.keepDims(keepDims))
        : tf.math.mean(input, axes, org.tensorflow.op.math.Mean.keepDims(keepDims));
  }

  @Override
  public String describe() {
    return (kind == Pooling2D.Kind.MAX ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D")
        + (keepDims ? "(keepdims)" : "");
  }
}
