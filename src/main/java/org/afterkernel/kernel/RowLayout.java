package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * How the rows a {@link FeatureMap} produces encode phi(x), and so how two rows combine into
 * K(u, v) = phi(u) . phi(v).
 *
 * <p>A plain layout is phi itself: the kernel is the dot product of the rows. A structured layout
 * (the "structured derivatives" of Novak et al. 2022, "Fast finite width neural tangent kernel")
 * stores, for each Dense layer, the factors of its rank-one per-example gradient instead of the
 * gradient: the layer's input {@code h} (with a trailing 1 when the layer has a bias) and the
 * gradient {@code delta} at its linear output. Kernel and bias gradients of example u are {@code
 * h_u delta_u^T} and {@code delta_u}, so the layer's share of K(u, v) is {@code (h_u . h_v + 1)
 * (delta_u . delta_v)} = {@code (h'_u . h'_v)(delta_u . delta_v)} with the extended input h'. A
 * row is {@code [materialized | h'_1 | delta_1 | h'_2 | delta_2 | ...]}: the first segment holds
 * the per-example gradients of every other variable, flattened (any order: a kernel does not care),
 * and
 *
 * <pre>
 *   K(u, v) = m_u . m_v + sum_l (h'_lu . h'_lv) (delta_lu . delta_lv).
 * </pre>
 *
 * For the MLP on MNIST a row has 1,541 values instead of 100,675, and a Gram block costs that many
 * fewer multiply-adds.
 *
 * @param materialized width of the leading segment of plain per-example gradients
 * @param factors the Dense layers' factor segments, in row order after the leading segment
 */
public record RowLayout(int materialized, List<Factor> factors) {
  /**
   * One Dense layer's factors: {@code inputWidth} values of h' from {@code inputOffset}, then
   * {@code outputWidth} values of delta from {@code inputOffset + inputWidth}.
   */
  public record Factor(int inputOffset, int inputWidth, int outputWidth) {
    /** Offset of delta in the row. */
    public int outputOffset() {
      return inputOffset + inputWidth;
    }

    /** Offset just past this factor in the row. */
    public int end() {
      return outputOffset() + outputWidth;
    }
  }

  public RowLayout {
    factors = List.copyOf(factors);
    int at = materialized;
    for (Factor f : factors) {
      if (f.inputOffset() != at || f.inputWidth() <= 0 || f.outputWidth() <= 0) {
        throw new IllegalArgumentException("factor " + f + " does not follow offset " + at);
      }
      at = f.end();
    }
  }

  /** The plain layout of {@code d}-dimensional features. */
  public static RowLayout plain(long d) {
    return new RowLayout(Math.toIntExact(d), List.of());
  }

  /** A layout of {@code materialized} plain values followed by factors of these widths (h', delta). */
  public static RowLayout of(int materialized, List<int[]> factorWidths) {
    List<Factor> fs = new ArrayList<>();
    int at = materialized;
    for (int[] w : factorWidths) {
      Factor f = new Factor(at, w[0], w[1]);
      fs.add(f);
      at = f.end();
    }
    return new RowLayout(materialized, fs);
  }

  /** True when rows are phi itself. */
  public boolean isPlain() {
    return factors.isEmpty();
  }

  /** Values per row. */
  public int width() {
    return factors.isEmpty() ? materialized : factors.get(factors.size() - 1).end();
  }

  /**
   * K(u, v) of row {@code u} of {@code a} (from {@code ao}) and row {@code v} of {@code b} (from
   * {@code bo}), every product and sum in double.
   */
  public double dot(float[] a, int ao, float[] b, int bo) {
    double s = dot(a, ao, b, bo, materialized);
    for (Factor f : factors) {
      s += dot(a, ao + f.inputOffset(), b, bo + f.inputOffset(), f.inputWidth())
          * dot(a, ao + f.outputOffset(), b, bo + f.outputOffset(), f.outputWidth());
    }
    return s;
  }

  private static double dot(float[] a, int ao, float[] b, int bo, int n) {
    double s = 0;
    for (int k = 0; k < n; k++) {
      s += (double) a[ao + k] * b[bo + k];
    }
    return s;
  }

  /**
   * The graph of {@code K(A, B)} for two blocks of rows ({@code [rowsA, >= width]} and {@code
   * [rowsB, >= width]}, extra columns ignored when the layout is structured, included when it is
   * plain, so plain rows may carry zero padding): {@code A B^T} for a plain layout, otherwise the
   * sum above from one product per segment.
   */
  public Operand<TFloat32> gram(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    if (isPlain()) {
      return tf.linalg.matMul(a, b, MatMul.transposeB(true));
    }
    Operand<TFloat32> k = materialized > 0 ? product(tf, a, b, 0, materialized) : null;
    for (Factor f : factors) {
      Operand<TFloat32> term = tf.math.mul(product(tf, a, b, f.inputOffset(), f.inputWidth()),
          product(tf, a, b, f.outputOffset(), f.outputWidth()));
      k = k == null ? term : tf.math.add(k, term);
    }
    return k;
  }

  /** {@code A[:, from, from + n) B[:, from, from + n)^T}. */
  private static Operand<TFloat32> product(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, int from, int n) {
    return tf.linalg.matMul(columns(tf, a, from, n), columns(tf, b, from, n), MatMul.transposeB(true));
  }

  private static Operand<TFloat32> columns(Ops tf, Operand<TFloat32> x, int from, int n) {
    return tf.slice(x, tf.constant(new int[] {0, from}), tf.constant(new int[] {-1, n}));
  }
}
