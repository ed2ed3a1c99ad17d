package org.afterkernel.kernel;

import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.nn.Model;
import org.afterkernel.tf.Tensors;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Times the per-example gradient paths against each other and the Gram products on their own,
 * all in one run, for {@code ak bench features}.
 */
public final class FeatureBenchmark {
  private FeatureBenchmark() {}

  /**
   * What was measured.
   *
   * @param batchedExamples examples through the batched path
   * @param batchedSeconds its time
   * @param referenceExamples examples through the reference path
   * @param referenceSeconds its time
   * @param gramRows rows of the Gram matrix
   * @param features feature dimension
   * @param gramSeconds time of the Gram products alone (features already computed)
   * @param gramMultiplyAdds multiply-adds the products performed (upper block triangle)
   */
  public record Result(int batchedExamples, double batchedSeconds, int referenceExamples,
      double referenceSeconds, int gramRows, long features, double gramSeconds, double gramMultiplyAdds) {

    /** Batched examples per second. */
    public double batchedRate() {
      return batchedExamples / batchedSeconds;
    }

    /** Reference examples per second. */
    public double referenceRate() {
      return referenceExamples / referenceSeconds;
    }

    /** Achieved GFLOP/s of the Gram products (2 flops per multiply-add). */
    public double gramGflops() {
      return 2 * gramMultiplyAdds / gramSeconds / 1e9;
    }
  }

  /** Runs the benchmark on the images of {@code x} (the Gram on its first {@code gramRows}). */
  public static Result run(Model model, Images x, int referenceExamples, int gramRows, Progress progress) {
    FeatureMap batched = FeatureMap.of(model, FeatureKind.NTK, Implementation.BATCHED);
    FeatureMap reference = FeatureMap.of(model, FeatureKind.NTK, Implementation.REFERENCE);
    int d = Math.toIntExact(batched.dimension());
    int warm = Math.min(x.count(), batched.batchSize());
    float[] scratch = new float[Math.multiplyExact(warm, d)];
    batched.compute(x, 0, warm, scratch, 0);
    reference.compute(x, 0, 1, scratch, 0);

    int rows = Math.min(x.count(), batched.batchSize());
    long t0 = System.nanoTime();
    for (int from = 0; from < x.count(); from += rows) {
      int to = Math.min(x.count(), from + rows);
      batched.compute(x, from, to, scratch, 0);
      progress.step(to - from);
    }
    double batchedSeconds = (System.nanoTime() - t0) / 1e9;

    int nRef = Math.min(referenceExamples, x.count());
    t0 = System.nanoTime();
    for (int i = 0; i < nRef; i++) {
      reference.compute(x, i, i + 1, scratch, 0);
      progress.step(1);
    }
    double referenceSeconds = (System.nanoTime() - t0) / 1e9;

    int n = Math.min(gramRows, x.count());
    int blockRows = Kernel.of(batched).plan(n, 0).blockRows();
    double macs = 0;
    double gramSeconds;
    long width = Kernel.paddedWidth(d);
    try (TFloat32 held = TFloat32.tensorOf(Shape.of(n, width)); GramBlocks blocks = new GramBlocks(batched.layout())) {
      Kernel.fill(batched, held, x, 0, n, rows, Progress.silent());
      blocks.within(held, n, 0, Math.min(n, blockRows), 0); // warm-up
      t0 = System.nanoTime();
      for (int i0 = 0; i0 < n; i0 += blockRows) {
        int i1 = Math.min(n, i0 + blockRows);
        blocks.within(held, n, i0, i1 - i0, i0);
        macs += (double) (i1 - i0) * (n - i0) * d; // useful multiply-adds (padding not counted)
      }
      gramSeconds = (System.nanoTime() - t0) / 1e9;
    }
    return new Result(x.count(), batchedSeconds, nRef, referenceSeconds, n, d, gramSeconds, macs);
  }
}
