package org.afterkernel.nn;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise activations, named as in Keras. */
public enum Activation {
  LINEAR,
  RELU,
  SIGMOID,
  TANH,
  SOFTMAX,
  ELU,
  SELU,
  SOFTPLUS,
  SWISH,
  GELU,
  RELU6,
  SOFTSIGN,
  EXPONENTIAL;

  /** Applies the activation (softmax over the last axis). */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x);
      case ELU -> tf.nn.elu(x);
      case SELU -> tf.nn.selu(x);
      case SOFTPLUS -> tf.math.softplus(x);
      case SWISH -> tf.math.mul(x, tf.math.sigmoid(x));
      case GELU -> gelu(tf, x);
      case RELU6 -> tf.nn.relu6(x);
      case SOFTSIGN -> tf.nn.softsign(x);
      case EXPONENTIAL -> tf.math.exp(x);
    };
  }

  /** Exact (erf) GELU, Keras's default ({@code approximate=False}). */
  private static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> half = tf.constant(0.5f);
    Operand<TFloat32> erf = tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))));
    return tf.math.mul(tf.math.mul(half, x), tf.math.add(tf.constant(1f), erf));
  }

  /**
   * A hidden-layer activation of the training-study settings: relu, tanh or linear (null stays
   * null: the network's default).
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static Activation ofStudy(String name) {
    if (name == null) {
      return null;
    }
    Activation a = fromKeras(name);
    if (a != RELU && a != TANH && a != LINEAR) {
      throw new IllegalArgumentException("activation is " + name + ", expected relu, tanh or linear");
    }
    return a;
  }

  /** The Keras name, e.g. {@code relu}. */
  public String kerasName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a Keras activation name ({@code relu}, {@code linear}, ...; null means linear).
   *
   * @throws IllegalArgumentException naming the activation and the supported ones
   */
  public static Activation fromKeras(String name) {
    if (name == null || name.isEmpty()) {
      return LINEAR;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("silu")) {
      return SWISH; // Keras's other name for swish
    }
    for (Activation a : values()) {
      if (a.kerasName().equals(n)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unsupported activation '" + name + "' (supported: "
            + java.util.Arrays.stream(values()).map(Activation::kerasName).toList() + ")");
  }
}
