package org.afterkernel.nn;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Which scalar of a network's output is differentiated for the after kernel: the only output of a
 * one-output network, component {@code k} of a k-way output, or the difference of two components
 * (a two-class comparison, {@code z_a - z_b}).
 *
 * @param kind which of the three
 * @param first the component (INDEX) or the minuend (DIFFERENCE); unused for SINGLE
 * @param second the subtrahend (DIFFERENCE); unused otherwise
 */
public record OutputHead(Kind kind, int first, int second) {
  /** The kinds of selection. */
  public enum Kind { SINGLE, INDEX, DIFFERENCE }

  public OutputHead {
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("output components must be >= 0, got " + first + ", " + second);
    }
    if (kind == Kind.DIFFERENCE && first == second) {
      throw new IllegalArgumentException("a logit difference needs two different components, got "
          + first + "," + second);
    }
  }

  /** The output of a network with one output unit. */
  public static OutputHead single() {
    return new OutputHead(Kind.SINGLE, 0, 0);
  }

  /** Component {@code k} of the output vector. */
  public static OutputHead index(int k) {
    return new OutputHead(Kind.INDEX, k, 0);
  }

  /** {@code z_a - z_b}. */
  public static OutputHead difference(int a, int b) {
    return new OutputHead(Kind.DIFFERENCE, a, b);
  }

  /**
   * Checks that this head fits an output of per-example shape {@code shape}.
   *
   * @throws IllegalArgumentException saying what the output is and what this head needs
   */
  public void checkFits(long[] shape) {
    if (shape.length != 1) {
      throw new IllegalArgumentException("the output has shape " + Arrays.toString(shape)
          + " per example; a vector of logits is needed");
    }
    long k = shape[0];
    switch (kind) {
      case SINGLE -> {
        if (k != 1) {
          throw new IllegalArgumentException("the output has " + k
              + " components: choose one (--output-index K) or a difference (--logit-difference A,B)");
        }
      }
      case INDEX -> {
        if (first >= k) {
          throw new IllegalArgumentException("output index " + first + " is out of range: the output has "
              + k + " components (0.." + (k - 1) + ")");
        }
      }
      case DIFFERENCE -> {
        if (first >= k || second >= k) {
          throw new IllegalArgumentException("logit difference " + first + "," + second
              + " is out of range: the output has " + k + " components (0.." + (k - 1) + ")");
        }
      }
    }
  }

  /** The selected scalar per example, {@code [batch]}, from an output {@code [batch, k]}. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> output, long[] shape) {
    checkFits(shape);
    return switch (kind) {
      case SINGLE -> tf.reshape(output, tf.constant(new long[] {-1}));
      case INDEX -> column(tf, output, first);
      case DIFFERENCE -> tf.math.sub(column(tf, output, first), column(tf, output, second));
    };
  }

  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> output, int k) {
    return tf.gather(output, tf.constant(k), tf.constant(1));
  }

  /** E.g. {@code output 3}, {@code z_3 - z_8}, {@code the single output}. */
  public String describe() {
    return switch (kind) {
      case SINGLE -> "the single output";
      case INDEX -> "output " + first;
      case DIFFERENCE -> "z_" + first + " - z_" + second;
    };
  }
}
