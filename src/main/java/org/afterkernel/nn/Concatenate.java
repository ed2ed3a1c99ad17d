package org.afterkernel.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Concatenate}: joins its inputs along one axis (Keras's default -1, the channels).
 * The axis counts the batch as in Keras: {@code axis=3} of NHWC images is the channel axis, as
 * is {@code -1}; axis 0 (the batch) is refused.
 */
public final class Concatenate extends Merge {
  private final int axis;

  /**
   * @param axis Keras's axis: negative counts from the end, non-negative includes the batch axis
   */
  public Concatenate(String name, int axis) {
    super(name);
    this.axis = axis;
  }

  /** The axis as given (Keras convention). */
  public int axis() {
    return axis;
  }

  /** The axis within one example's shape of rank {@code rank} (batch excluded). */
  private int exampleAxis(List<long[]> shapes, int rank) {
    int a = axis < 0 ? rank + axis : axis - 1;
    if (a < 0 || a >= rank) {
      throw badInputs(shapes, "inputs with axis " + axis + " (rank " + rank + " without the batch)");
    }
    return a;
  }

  @Override
  public long[] outputShape(List<long[]> shapes) {
    requireSeveral(shapes);
    int rank = shapes.get(0).length;
    int a = exampleAxis(shapes, rank);
    long[] out = shapes.get(0).clone();
    out[a] = 0;
    for (long[] s : shapes) {
      if (s.length != rank) {
        throw badInputs(shapes, "inputs of equal rank");
      }
      for (int i = 0; i < rank; i++) {
        if (i != a && s[i] != out[i]) {
          throw badInputs(shapes, "equal sizes except along axis " + axis);
        }
      }
      out[a] += s[a];
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, List<LayerTap> taps) {
    int rank = inputShapes().get(0).length;
    return tf.concat(inputs, tf.constant(exampleAxis(inputShapes(), rank) + 1));
  }

  @Override
  public String describe() {
    return "Concatenate(axis=" + axis + ")";
  }
}
