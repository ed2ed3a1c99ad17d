package org.afterkernel.nn;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's element-wise merge layers: {@code Add}, {@code Subtract} (exactly two inputs), {@code
 * Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}, with Keras 2's rule for their
 * inputs ({@code _Merge} in {@code keras/layers/merging/base_merge.py}): an input of lower rank is
 * first expanded with new axes at position 1 (after the batch) until every input has the largest
 * rank, then the inputs broadcast dimension by dimension where one of them is 1. A squeeze-excite
 * gate of shape {@code (batch, C)} thus multiplies an {@code (batch, H, W, C)} feature map as
 * {@code (batch, 1, 1, C)}, with or without a {@code Reshape}. In per-example shapes (batch
 * excluded) this is broadcasting with the shapes aligned at their last axis. Examples stay
 * independent, so no layer taps are needed.
 */
public final class ElementwiseMerge extends Merge {
  /** The combining operation. */
  public enum Kind {
    ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM, MINIMUM;

    /** Keras's class name ({@code Add}, ...). */
    public String kerasName() {
      String n = name().toLowerCase(Locale.ROOT);
      return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
  }

  private final Kind kind;

  public ElementwiseMerge(String name, Kind kind) {
    super(name);
    this.kind = kind;
  }

  /** The operation. */
  public Kind kind() {
    return kind;
  }

  @Override
  public long[] outputShape(List<long[]> shapes) {
    requireSeveral(shapes);
    if (kind == Kind.SUBTRACT && shapes.size() != 2) {
      throw badInputs(shapes, "exactly two inputs");
    }
    int rank = shapes.stream().mapToInt(s -> s.length).max().orElseThrow();
    long[] out = expanded(shapes.get(0), rank);
    for (long[] shape : shapes.subList(1, shapes.size())) {
      long[] s = expanded(shape, rank);
      for (int i = 0; i < rank; i++) {
        if (s[i] != out[i] && s[i] != 1 && out[i] != 1) {
          throw badInputs(shapes, "shapes that agree or broadcast (a dimension of 1), lower ranks"
              + " expanded with new axes after the batch axis as Keras does");
        }
        out[i] = out[i] == 1 ? s[i] : out[i];
      }
    }
    return out;
  }

  /** {@code shape} with {@code rank - shape.length} leading dimensions of 1 (Keras's new axes at 1). */
  static long[] expanded(long[] shape, int rank) {
    long[] out = new long[rank];
    java.util.Arrays.fill(out, 0, rank - shape.length, 1);
    System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
    return out;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, List<LayerTap> taps) {
    List<long[]> shapes = inputShapes(); // per-example, from build
    int rank = shapes.stream().mapToInt(s -> s.length).max().orElseThrow();
    Operand<TFloat32> acc = expanded(tf, inputs.get(0), shapes.get(0).length, rank);
    for (int i = 1; i < inputs.size(); i++) {
      Operand<TFloat32> x = expanded(tf, inputs.get(i), shapes.get(i).length, rank);
      acc = switch (kind) {
        case ADD, AVERAGE -> tf.math.add(acc, x);
        case SUBTRACT -> tf.math.sub(acc, x);
        case MULTIPLY -> tf.math.mul(acc, x);
        case MAXIMUM -> tf.math.maximum(acc, x);
        case MINIMUM -> tf.math.minimum(acc, x);
      };
    }
    if (kind == Kind.AVERAGE) {
      acc = tf.math.div(acc, tf.constant((float) inputs.size()));
    }
    return acc;
  }

  /**
   * {@code x}, a batch of examples of rank {@code exampleRank}, with new axes at position 1 (after
   * the batch) until its examples have {@code rank} dimensions, as Keras's {@code expand_dims(x, 1)}.
   */
  private static Operand<TFloat32> expanded(Ops tf, Operand<TFloat32> x, int exampleRank, int rank) {
    Operand<TFloat32> out = x;
    for (int r = exampleRank; r < rank; r++) {
      out = tf.expandDims(out, tf.constant(1));
    }
    return out;
  }

  @Override
  public String describe() {
    return kind.kerasName();
  }
}
