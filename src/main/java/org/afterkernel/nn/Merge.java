package org.afterkernel.nn;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A layer that combines several tensors into one (Keras's merge layers: {@code Add}, {@code
 * Concatenate}, ...). It has no variables; it is built and called with the list of its inputs,
 * in the order Keras lists them. The single-input forms of {@link Layer} do not apply.
 */
public abstract class Merge extends Layer {
  private List<long[]> inputShapes;

  protected Merge(String name) {
    super(name);
  }

  @Override
  public final long[] build(BuildContext ctx, List<long[]> shapes) {
    if (inputShapes != null) {
      throw new IllegalStateException("layer " + name() + " is already built");
    }
    long[] out = outputShape(shapes);
    inputShapes = shapes.stream().map(long[]::clone).toList();
    return out;
  }

  /** The input shapes given to {@link #build(BuildContext, List)}. */
  public final List<long[]> inputShapes() {
    if (inputShapes == null) {
      throw new IllegalStateException("layer " + name() + " is not built");
    }
    return inputShapes.stream().map(long[]::clone).toList();
  }

  /**
   * The output shape for inputs of these shapes (batch excluded).
   *
   * @throws IllegalArgumentException naming the layer and the shapes when they cannot be merged
   */
  public abstract long[] outputShape(List<long[]> shapes);

  @Override
  public abstract Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, List<LayerTap> taps);

  @Override
  public final long[] outputShape(long[] inputShape) {
    throw new IllegalArgumentException(describe() + " layer '" + name() + "' merges at least two inputs");
  }

  @Override
  public final Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps) {
    throw new IllegalArgumentException(describe() + " layer '" + name() + "' merges at least two inputs");
  }

  /** Fails with a message naming this layer and all its input shapes. */
  protected final IllegalArgumentException badInputs(List<long[]> shapes, String expected) {
    return new IllegalArgumentException(getClass().getSimpleName() + " layer '" + name()
        + "' received input shapes " + shapes.stream().map(Arrays::toString).toList()
        + ", expected " + expected);
  }

  /** Requires at least two inputs. */
  protected final void requireSeveral(List<long[]> shapes) {
    if (shapes.size() < 2) {
      throw badInputs(shapes, "at least two inputs");
    }
  }
}
