package org.afterkernel.nn;

import java.util.Arrays;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A trainable variable of a layer: its Keras-style name ({@code dense_1/kernel}), shape, graph
 * variable and initialiser.
 *
 * @param name layer name, slash, weight name
 * @param shape the variable's shape
 * @param variable the graph variable
 * @param initializer how its initial values are drawn
 */
public record Parameter(String name, long[] shape, Variable<TFloat32> variable, Initializer initializer) {

  public Parameter {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of scalars. */
  public int size() {
    return Math.toIntExact(Fans.size(shape));
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
