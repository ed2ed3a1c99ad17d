package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A network of layers that can be built into a graph: a {@link Sequential} stack, or (for imported
 * Keras models) a graph of layers. Building yields the scalar output whose gradient defines the
 * after kernel (one value per example), the conjugate-kernel features, the variables in Keras
 * order and a {@link LayerTap} for every parametric layer.
 */
public interface Network {
  /**
   * Output of building a network into a graph.
   *
   * @param logits the scalar per example whose gradient defines the after kernel ({@code [batch]});
   *     null for a network of several outputs built without choosing one (a classifier being
   *     trained)
   * @param conjugate the conjugate-kernel features
   * @param parameters the variables in Keras order
   * @param taps one per parametric layer
   * @param outputShapes every layer's per-example output shape
   * @param outputs the whole output as {@code [batch, C]}, or null when it is not a vector
   */
  record Built(
      Operand<TFloat32> logits,
      Operand<TFloat32> conjugate,
      List<Parameter> parameters,
      List<LayerTap> taps,
      List<long[]> outputShapes,
      Operand<TFloat32> outputs) {}

  /**
   * Creates the variables and the forward graph for inputs {@code x} of per-example shape {@code
   * inputShape}; returns the logits as a vector (one per example).
   */
  Built build(Ops tf, Operand<TFloat32> x, long[] inputShape);

  /** The layers, in the order their variables are created (Keras order). */
  List<Layer> layers();

  /** Width of the conjugate-kernel features, given the shapes from {@link #build}. */
  long conjugateDimension(Built built);

  /** Exact number of trainable scalars (after building). */
  default long parameterCount() {
    return layers().stream().mapToLong(Layer::parameterCount).sum();
  }

  /** A Keras-like summary, one line per layer. */
  String summary(Built built);
}
