package org.afterkernel.savedmodel;

import java.util.Locale;

/**
 * Keras's named activations in float64, from their definitions in {@code keras.activations}, for
 * the reference forward pass ({@link KerasReference}); with its own {@link #erf} for the exact GELU.
 */
final class ReferenceActivations {
  /** SELU's constants (Klambauer et al. 2017, as in Keras). */
  private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  private static final double SELU_SCALE = 1.0507009873554804934193349852946;

  private ReferenceActivations() {}

  /**
   * Applies the Keras activation {@code name} (softmax over the last axis).
   *
   * @throws IllegalArgumentException for a name the reference does not know
   */
  static ReferenceTensor apply(String name, ReferenceTensor x) {
    String n = name == null ? "linear" : name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "linear", "" -> x;
      case "softmax" -> ReferenceOps.softmax(x);
      case "relu" -> x.map(v -> Math.max(v, 0));
      case "relu6" -> x.map(v -> Math.min(Math.max(v, 0), 6));
      case "sigmoid" -> x.map(ReferenceActivations::sigmoid);
      case "tanh" -> x.map(Math::tanh);
      case "elu" -> x.map(v -> v > 0 ? v : Math.expm1(v));
      case "selu" -> x.map(v -> SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v)));
      case "softplus" -> x.map(v -> v > 30 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
      case "softsign" -> x.map(v -> v / (1 + Math.abs(v)));
      case "swish", "silu" -> x.map(v -> v * sigmoid(v));
      case "gelu" -> x.map(v -> 0.5 * v * (1 + erf(v / Math.sqrt(2))));
      case "exponential" -> x.map(Math::exp);
      default -> throw new IllegalArgumentException("the reference forward pass has no activation '" + name + "'");
    };
  }

  static double sigmoid(double v) {
    return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
  }

  /**
   * The error function to about 1e-15: its Maclaurin series for |x| &lt; 2.5 (terms at most
   * e^6.25 in size, so rounding stays near 1e-13 relative at worst), and 1 - erfc from the
   * continued fraction erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
   * beyond, evaluated from the back over 80 levels.
   */
  static double erf(double x) {
    double a = Math.abs(x);
    double r;
    if (a < 2.5) {
      double term = a;
      double sum = a;
      for (int n = 1; n < 200; n++) {
        term *= -a * a / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else {
      double f = a;
      for (int k = 80; k >= 1; k--) {
        f = a + (k / 2.0) / f;
      }
      r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
    }
    return x < 0 ? -r : r;
  }
}
