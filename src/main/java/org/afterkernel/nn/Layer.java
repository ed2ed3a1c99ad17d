package org.afterkernel.nn;

import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras-style layer: hyperparameters in the constructor, variables created in {@link #build},
 * computation in {@link #call}. Shapes exclude the batch dimension.
 */
public abstract class Layer {
  private final String name;
  private long[] inputShape;

  protected Layer(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The layer's name (unique within a network, as Keras names it: {@code dense_1}). */
  public final String name() {
    return name;
  }

  /**
   * Creates the layer's variables for inputs of {@code inputShape} and returns its output shape.
   * A layer is built once.
   */
  public final long[] build(BuildContext ctx, long[] inputShape) {
    if (this.inputShape != null) {
      throw new IllegalStateException("layer " + name + " is already built");
    }
    this.inputShape = inputShape.clone();
    createVariables(ctx, inputShape);
    return outputShape(inputShape);
  }

  /**
   * Builds the layer for the shapes of its inputs, in a graph of layers ({@link Functional}). A
   * layer takes one input unless it is a {@link Merge}, which overrides this.
   */
  public long[] build(BuildContext ctx, List<long[]> inputShapes) {
    requireOneInput(inputShapes.size());
    return build(ctx, inputShapes.get(0));
  }

  /** Computes the layer on its inputs; one input unless the layer is a {@link Merge}. */
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, List<LayerTap> taps) {
    requireOneInput(inputs.size());
    return call(tf, inputs.get(0), taps);
  }

  private void requireOneInput(int count) {
    if (count != 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " layer '" + name
          + "' takes one input, got " + count);
    }
  }

  /** Creates the variables; the default creates none. */
  protected void createVariables(BuildContext ctx, long[] inputShape) {}

  /** The input shape given to {@link #build}. */
  public final long[] inputShape() {
    if (inputShape == null) {
      throw new IllegalStateException("layer " + name + " is not built");
    }
    return inputShape.clone();
  }

  /**
   * The output shape for inputs of {@code inputShape}.
   *
   * @throws IllegalArgumentException if the input shape is not one this layer accepts, saying
   *     what was received and what was expected
   */
  public abstract long[] outputShape(long[] inputShape);

  /**
   * Computes the layer on a batch. Parametric layers record a {@link LayerTap} in {@code taps}.
   */
  public abstract Operand<TFloat32> call(Ops tf, Operand<TFloat32> input, List<LayerTap> taps);

  /** The layer's trainable variables (none by default). */
  public List<Parameter> parameters() {
    return List.of();
  }

  /** Number of trainable scalars. */
  public final long parameterCount() {
    return parameters().stream().mapToLong(Parameter::size).sum();
  }

  /** A one-line description with the hyperparameters, e.g. {@code Dense(units=1, linear)}. */
  public abstract String describe();

  @Override
  public String toString() {
    return name + ": " + describe();
  }

  /** {@code shape} with a leading -1 for the batch: the shape of a batch of such examples. */
  static long[] batchedShape(long[] shape) {
    long[] batched = new long[shape.length + 1];
    batched[0] = -1;
    System.arraycopy(shape, 0, batched, 1, shape.length);
    return batched;
  }

  /** Fails with a message naming this layer, what it received and what it expects. */
  protected final IllegalArgumentException badInput(long[] received, String expected) {
    return new IllegalArgumentException(
        getClass().getSimpleName() + " layer '" + name + "' received input shape "
            + java.util.Arrays.toString(received) + ", expected " + expected);
  }
}
