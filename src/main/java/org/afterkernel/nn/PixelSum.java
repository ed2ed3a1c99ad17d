package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * The sum of all of an image's values (rows, columns and channels), kept as a 1x1x1 image: the
 * first step of the study's Sum network, exactly invariant to any perturbation that preserves the
 * pixel sum.
 */
public final class PixelSum extends Layer {
  public PixelSum(String name) {
    super(name);
  }

  @Override
  public long[] outputShape(long[] in) {
    if (in.length != 3) {
      throw badInput(in, "(height, width, channels)");
    }
    return new long[] {1, 1, 1};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    return tf.reduceSum(input, tf.constant(new int[] {1, 2, 3}), ReduceSum.keepDims(true));
  }

  @Override
  public String describe() {
    return "PixelSum";
  }
}
