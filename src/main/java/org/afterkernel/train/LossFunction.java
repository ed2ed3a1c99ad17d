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
 *       example (Keras's {@code MeanSquaredError}), the silent-alignment paper's loss;
 *   <li>{@link #SOFTMAX_CROSSENTROPY}: for a C-output network and class labels 0..C-1, Keras's
 *       {@code SparseCategoricalCrossentropy(from_logits=True)}, {@code -log softmax(f)_z} per
 *       example ({@link #softmaxPerExample}; the ten-class task).
 * </ul>
 */
public enum LossFunction {
  BINARY_CROSSENTROPY,
  MSE,
  SOFTMAX_CROSSENTROPY;

  /** True for the loss of a network of several outputs. */
  public boolean isMulticlass() {
    return this == SOFTMAX_CROSSENTROPY;
  }

  /**
   * Per-example softmax cross-entropy of outputs {@code f} ({@code [batch, C]}) against one-hot
   * targets {@code y} ({@code [batch, C]}): {@code -sum_c y_c log softmax(f)_c}.
   */
  public static Operand<TFloat32> softmaxPerExample(Ops tf, Operand<TFloat32> f, Operand<TFloat32> y) {
    return tf.math.neg(tf.reduceSum(tf.math.mul(y, tf.nn.logSoftmax(f)), tf.constant(1)));
  }

  /** The batch mean of {@link #softmaxPerExample}. */
  public static Operand<TFloat32> softmaxMean(Ops tf, Operand<TFloat32> f, Operand<TFloat32> y) {
    return tf.math.mean(softmaxPerExample(tf, f, y), tf.constant(0));
  }

  /**
   * The softmax cross-entropy of one example's outputs {@code f[offset, offset + classes)} for
   * class {@code z}, in double precision (log-sum-exp shifted by the maximum).
   */
  public static double softmaxOf(float[] f, int offset, int classes, int z) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, f[offset + c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(f[offset + c] - max);
    }
    return max + Math.log(sum) - f[offset + z];
  }

  /** Per-example losses of outputs {@code f} for 0/1 labels {@code z}. */
  public Operand<TFloat32> perExample(Ops tf, Operand<TFloat32> f, Operand<TFloat32> z) {
    return switch (this) {
      case SOFTMAX_CROSSENTROPY -> throw new IllegalStateException("softmax cross-entropy takes all outputs: softmaxPerExample");
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
      case SOFTMAX_CROSSENTROPY -> throw new IllegalStateException("softmax cross-entropy takes all outputs: softmaxOf");
      case BINARY_CROSSENTROPY -> Loss.of(f, z);
      case MSE -> {
        double d = f - (2 * z - 1);
        yield d * d;
      }
    };
  }

  /** The command-line and config name: {@code bce}, {@code mse} or {@code cce}. */
  public String cliName() {
    return switch (this) {
      case BINARY_CROSSENTROPY -> "bce";
      case MSE -> "mse";
      case SOFTMAX_CROSSENTROPY -> "cce";
    };
  }

  /**
   * Parses {@code bce} (or {@code binary-crossentropy}), {@code mse} and {@code cce} (or {@code
   * softmax-crossentropy}).
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static LossFunction parse(String name) {
    return switch (name == null ? "bce" : name.toLowerCase(Locale.ROOT)) {
      case "bce", "binary-crossentropy", "binary_crossentropy" -> BINARY_CROSSENTROPY;
      case "mse", "mean-squared-error", "mean_squared_error" -> MSE;
      case "cce", "softmax-crossentropy", "sparse_categorical_crossentropy" -> SOFTMAX_CROSSENTROPY;
      default -> throw new IllegalArgumentException("loss is '" + name + "', expected bce, mse or cce");
    };
  }

  /**
   * {@link #parse} for a binary task (experiments, sweeps, trajectories).
   *
   * @throws IllegalArgumentException for {@code cce}, which needs all ten classes
   */
  public static LossFunction parseBinary(String name) {
    LossFunction l = parse(name);
    if (l.isMulticlass()) {
      throw new IllegalArgumentException("loss is '" + name + "': a binary task takes bce or mse (cce is for"
          + " the ten-class task, ak train --classes all)");
    }
    return l;
  }
}
