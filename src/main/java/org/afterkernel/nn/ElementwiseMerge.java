package org.afterkernel.nn;

import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's element-wise merge layers: {@code Add}, {@code Subtract} (exactly two inputs), {@code
 * Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}. Inputs of equal rank broadcast as
 * Keras allows, dimension by dimension where one of them is 1 (a squeeze-excite block multiplies a
 * {@code (1, 1, C)} gate with an {@code (H, W, C)} feature map); TensorFlow's broadcasting does the
 * same in the graph. Examples stay independent, so no layer taps are needed.
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
    long[] out = shapes.get(0).clone();
    for (long[] s : shapes.subList(1, shapes.size())) {
      if (s.length != out.length) {
        throw badInputs(shapes, "inputs of equal rank");
      }
      for (int i = 0; i < s.length; i++) {
        if (s[i] != out[i] && s[i] != 1 && out[i] != 1) {
          throw badInputs(shapes, "shapes that agree or broadcast (a dimension of 1)");
        }
        out[i] = Math.max(out[i], s[i]);
      }
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, List<LayerTap> taps) {
    Operand<TFloat32> acc = inputs.get(0);
    for (Operand<TFloat32> x : inputs.subList(1, inputs.size())) {
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

  @Override
  public String describe() {
    return kind.kerasName();
  }
}
