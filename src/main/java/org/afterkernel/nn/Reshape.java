package org.afterkernel.nn;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Reshape(target_shape)}: each example's values in C order, laid out in the target
 * shape; one dimension may be -1 (inferred).
 */
public final class Reshape extends Layer {
  private final long[] target;

  public Reshape(String name, long[] targetShape) {
    super(name);
    if (Arrays.stream(targetShape).filter(d -> d == -1).count() > 1
        || Arrays.stream(targetShape).anyMatch(d -> d == 0 || d < -1)) {
      throw new IllegalArgumentException("Reshape '" + name + "': target shape "
          + Arrays.toString(targetShape) + " must be positive sizes with at most one -1");
    }
    this.target = targetShape.clone();
  }

  @Override
  public long[] outputShape(long[] in) {
    long size = Fans.size(in);
    long known = Arrays.stream(target).filter(d -> d != -1).reduce(1, Math::multiplyExact);
    long[] out = target.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        out[i] = known == 0 ? -1 : size / known;
      }
    }
    if (Fans.size(out) != size) {
      throw badInput(in, "a shape of " + Fans.size(out) + " values to fit " + Arrays.toString(target));
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    long[] out = outputShape(inputShape());
    long[] batched = batchedShape(out);
    return tf.reshape(input, tf.constant(batched));
  }

  @Override
  public String describe() {
    return "Reshape(" + Arrays.toString(target) + ")";
  }
}
