package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Activation(name)} and {@code Softmax()} (over the last axis): an element-wise
 * activation as a layer of its own.
 */
public final class ActivationLayer extends Layer {
  private final Activation activation;

  public ActivationLayer(String name, Activation activation) {
    super(name);
    this.activation = activation;
  }

  /** The activation applied. */
  public Activation activation() {
    return activation;
  }

  @Override
  public long[] outputShape(long[] in) {
    return in.clone();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    return activation.apply(tf, input);
  }

  @Override
  public String describe() {
    return "Activation(" + activation.kerasName() + ")";
  }
}
