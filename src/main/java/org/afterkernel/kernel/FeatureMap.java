package org.afterkernel.kernel;

import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.tf.Tensors;
import org.tensorflow.types.TFloat32;

/**
 * An embedding phi(x) of images into R^d given by a model: after-kernel (gradient) features or
 * conjugate features. Rows are produced block by block, so callers that only need a Gram matrix
 * never hold more than a block of features.
 *
 * <p>A row encodes phi(x) as its {@link #layout()} says: phi itself (a plain layout, {@code d}
 * values), or, for {@link Implementation#STRUCTURED}, a shorter row of per-layer factors whose
 * kernel the layout computes without ever forming phi. Code that needs phi itself ({@link
 * #features}, the primal SVM, {@code ak features}) takes a plain map.
 */
public interface FeatureMap {
  /** The dimension d of phi(x) (the parameter count for gradient features). */
  long dimension();

  /** How a row encodes phi(x); plain unless the implementation is structured. */
  default RowLayout layout() {
    return RowLayout.plain(dimension());
  }

  /**
   * Writes the rows of images {@code [from, to)} of {@code x} into {@code out}, row after row
   * ({@code layout().width()} values each), from {@code offset}.
   */
  void compute(Images x, int from, int to, float[] out, int offset);

  /**
   * Writes the rows of images {@code [from, to)} into rows {@code [row, row + to - from)} of a
   * tensor whose rows are {@code stride >= layout().width()} floats apart (the values beyond are
   * left alone). The
   * default goes through a Java array; implementations that produce tensors copy natively, so large
   * feature blocks never touch the Java heap.
   */
  default void computeInto(Images x, int from, int to, TFloat32 target, long row, long stride) {
    int d = layout().width();
    float[] rows = new float[Math.multiplyExact(to - from, d)];
    compute(x, from, to, rows, 0);
    for (int i = 0; i < to - from; i++) {
      Tensors.write(target, (row + i) * stride, java.util.Arrays.copyOfRange(rows, i * d, (i + 1) * d));
    }
  }

  /** Examples per graph run (the block size the implementation prefers). */
  int batchSize();

  /**
   * The features phi of every image of {@code x} as one row-major matrix.
   *
   * @throws IllegalStateException when the layout is structured (its rows are not phi)
   */
  default DenseMatrix features(Images x, Progress progress) {
    if (!layout().isPlain()) {
      throw new IllegalStateException("structured rows are not features: take the batched implementation");
    }
    int d = Math.toIntExact(dimension());
    float[] out = new float[Math.multiplyExact(x.count(), d)];
    for (int from = 0; from < x.count(); from += batchSize()) {
      int to = Math.min(x.count(), from + batchSize());
      compute(x, from, to, out, from * d);
      progress.step(to - from);
    }
    return new DenseMatrix(x.count(), d, out);
  }

  /** The features of every image of {@code x}, silently. */
  default DenseMatrix features(Images x) {
    return features(x, Progress.silent());
  }

  /**
   * The feature map of {@code model}: {@code kind} features computed by {@code implementation}
   * (which only matters for {@link FeatureKind#NTK}).
   */
  static FeatureMap of(Model model, FeatureKind kind, Implementation implementation) {
    if (kind == FeatureKind.CONJUGATE) {
      return new ConjugateFeatures(model);
    }
    return switch (implementation) {
      case REFERENCE -> new ReferenceGradientFeatures(model);
      case BATCHED -> new BatchedGradientFeatures(model, true, false);
      case BATCHED_PATCHES -> new BatchedGradientFeatures(model, false, false);
      case STRUCTURED -> new BatchedGradientFeatures(model, true, true);
    };
  }
}
