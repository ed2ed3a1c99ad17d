package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Flatten}: each example's values in C order (row, column, channel for images). */
public final class Flatten extends Layer {
  public Flatten(String name) {
    super(name);
  }

  @Override
  public long[] outputShape(long[] in) {
    return new long[] {Fans.size(in)};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    return tf.reshape(input, tf.constant(new long[] {-1, Fans.size(inputShape())}));
  }

  @Override
  public String describe() {
    return "Flatten";
  }
}
