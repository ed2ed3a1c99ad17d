package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A layer that is the identity at inference: Keras's {@code Dropout}, {@code SpatialDropout2D},
 * {@code GaussianNoise}, {@code GaussianDropout}, {@code AlphaDropout}, {@code
 * ActivityRegularization} and the like. The after kernel is a property of the trained function,
 * which Keras evaluates with {@code training=False}.
 */
public final class Identity extends Layer {
  private final String kerasClass;

  /** @param kerasClass the Keras layer it stands for, for summaries */
  public Identity(String name, String kerasClass) {
    super(name);
    this.kerasClass = kerasClass;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    return input;
  }

  @Override
  public String describe() {
    return kerasClass + " (identity at inference)";
  }
}
