package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Rescaling(scale, offset)}: {@code x * scale + offset}, preprocessing inside a model. */
public final class Rescaling extends Layer {
  private final float scale;
  private final float offset;

  public Rescaling(String name, float scale, float offset) {
    super(name);
    this.scale = scale;
    this.offset = offset;
  }

  public float scale() {
    return scale;
  }

  public float offset() {
    return offset;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    return tf.math.add(tf.math.mul(input, tf.constant(scale)), tf.constant(offset));
  }

  @Override
  public String describe() {
    return "Rescaling(scale=" + scale + ", offset=" + offset + ")";
  }
}
