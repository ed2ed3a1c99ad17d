package org.afterkernel.invariance;

import org.afterkernel.kernel.RowLayout;

/**
 * The script's mean cosine between two embeddings ({@code ave_cosine}), accumulated from blocks of
 * rows so that neither embedding is ever held whole.
 *
 * <p>Definition: each row is divided by {@code 1e-4 + ||row||} (Euclidean norm), and the result is
 * the mean over examples of the dot product of the two normalised rows. Per row this is {@code a.b
 * / ((1e-4 + ||a||) (1e-4 + ||b||))}, which this class computes with every product and sum in
 * double precision (the script works on float64 arrays), adding the per-row values to a running
 * double sum. A zero row contributes 0. The same class serves after-kernel (gradient) features and
 * conjugate-kernel features; it sees only rows of numbers.
 *
 * <p>Row {@code i} of the original block must belong to the same example as row {@code i} of the
 * perturbed block. Not thread-safe.
 */
public final class CosineAccumulator {
  /** The script's {@code EPSILON}, added to every row norm. */
  public static final double EPSILON = 1e-4;

  private int width = -1;
  private long rows;
  private double sum;

  /**
   * Adds a block of {@code rows} examples given as row-major {@code rows x width} matrices.
   *
   * @throws IllegalArgumentException when the blocks differ in length, do not split into {@code
   *     rows} rows, or their width differs from earlier blocks
   */
  public void add(float[] original, float[] perturbed, int rows) {
    addRows(original, perturbed, rows, checkBlock(original.length, perturbed.length, rows));
  }

  /**
   * Adds the first {@code rows} rows of width {@code w} of two row-major buffers that may be
   * longer (reused block buffers).
   */
  public void addRows(float[] original, float[] perturbed, int rows, int w) {
    if ((long) rows * w > Math.min(original.length, perturbed.length) || (width >= 0 && w != width)) {
      throw new IllegalArgumentException("cannot take " + rows + " rows of " + w + " features from buffers of "
          + original.length + " and " + perturbed.length + (width >= 0 ? " (earlier width " + width + ")" : ""));
    }
    width = w;
    for (int r = 0; r < rows; r++) {
      double aa = 0;
      double bb = 0;
      double ab = 0;
      for (int j = r * w, end = j + w; j < end; j++) {
        double a = original[j];
        double b = perturbed[j];
        aa += a * a;
        bb += b * b;
        ab += a * b;
      }
      addRow(aa, bb, ab);
    }
  }

  /**
   * Adds the first {@code rows} rows of two buffers whose rows follow {@code layout} (rows of a
   * structured feature map: the norms and products are the layout's kernel values, in double).
   */
  public void addRows(float[] original, float[] perturbed, int rows, RowLayout layout) {
    int w = layout.width();
    if (layout.isPlain()) {
      addRows(original, perturbed, rows, w);
      return;
    }
    if ((long) rows * w > Math.min(original.length, perturbed.length) || (width >= 0 && w != width)) {
      throw new IllegalArgumentException("cannot take " + rows + " rows of " + w + " values from buffers of "
          + original.length + " and " + perturbed.length + (width >= 0 ? " (earlier width " + width + ")" : ""));
    }
    width = w;
    for (int r = 0; r < rows; r++) {
      int o = r * w;
      addRow(layout.dot(original, o, original, o), layout.dot(perturbed, o, perturbed, o),
          layout.dot(original, o, perturbed, o));
    }
  }

  private void addRow(double aa, double bb, double ab) {
    sum += ab / ((EPSILON + Math.sqrt(aa)) * (EPSILON + Math.sqrt(bb)));
    rows++;
  }

  private int checkBlock(int originalLength, int perturbedLength, int blockRows) {
    if (originalLength != perturbedLength) {
      throw new IllegalArgumentException(
          "original and perturbed blocks differ in length: "
              + originalLength
              + " vs "
              + perturbedLength);
    }
    if (blockRows < 1 || originalLength % blockRows != 0) {
      throw new IllegalArgumentException(
          "a block of " + originalLength + " values does not split into " + blockRows + " rows");
    }
    int w = originalLength / blockRows;
    if (width >= 0 && w != width) {
      throw new IllegalArgumentException(
          "block rows have " + w + " features, earlier blocks had " + width);
    }
    width = w;
    return w;
  }

  /** Number of examples added so far. */
  public long count() {
    return rows;
  }

  /**
   * The mean cosine over all examples added.
   *
   * @throws IllegalStateException when no example has been added
   */
  public double mean() {
    if (rows == 0) {
      throw new IllegalStateException("mean cosine of no examples");
    }
    return sum / rows;
  }
}
