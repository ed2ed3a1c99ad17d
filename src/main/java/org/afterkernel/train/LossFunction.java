package org.afterkernel.train;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The training loss of a binary task with 0/1 labels z and one output f per example.
 *
 * <ul>
 *   <li>{@link #BINARY_CROSSENTROPY}: Keras's {@code BinaryCrossentropy(from_logits=True)} (the
 *       original's, see {@link Loss});
 *   <li>{@link #MSE}: mean squared error against targets y = 2z - 1 = +-1, {@code (f - y)^2} per
 *       example (Keras's {@code MeanSquaredError}), the silent-alignment paper's loss.
 * </ul>
 */
public enum LossFunction {
  BINARY_CROSSENTROPY,
  MSE;

  /** Per-example losses of outputs {@code f} for 0/1 labels {@code z}. */
  public Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> f, Operand<TFloat32> z) {
    return switch (this) {
      case BINARY_CROSSENTROPY -> Loss.perExample(tf, f, z);
      case MSE -> {
        Operand<TFloat32> y = tf.math.sub(tf.math.mul(z, tf.constant(2f)), tf.constant(1f));
        yield tf.math.square(tf.math.sub(f, y));
      }
    };
  }

  /** The batch mean. */
  public Operand<TFloat32> mean(Ops tf, Operand<TFloat32> f, Operand<TFloat32> z) {
    return tf.math.mean(perExample(tf, f, z), tf.constant(0));
  }

  /** The loss of one example in double precision (the reference of tests and evaluation). */
  public double of(double f, int z) {
    return switch (this) {
      case BINARY_CROSSENTROPY -> Loss.of(f, z);
      case MSE -> {
        double d = f - (2 * z - 1);
        yield d * d;
      }
    };
  }

  /** The command-line and config name: {@code bce} or {@code mse}. */
  public String cliName() {
    return this == MSE ? "mse" : "bce";
  }

  /**
   * Parses {@code bce} (or {@code binary-crossentropy}) and {@code mse}.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static LossFunction parse(String name) {
    return switch (name == null ? "bce" : name.toLowerCase(Locale.ROOT)) {
      case "bce", "binary-crossentropy", "binary_crossentropy" -> BINARY_CROSSENTROPY;
      case "mse", "mean-squared-error", "mean_squared_error" -> MSE;
      default -> throw new IllegalArgumentException("loss is '" + name + "', expected bce or mse");
    };
  }
}
