package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.BatchedGradientFeatures.Stage;
import org.afterkernel.nn.Model;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Times the per-example gradient paths against each other, the batched path stage by stage, and
 * the Gram products on their own, all in one run, for {@code ak bench features}.
 */
public final class FeatureBenchmark {
  private FeatureBenchmark() {}

  /** What to run: examples per timed pass, repetitions, reference examples, Gram rows, stage examples. */
  public record Plan(int repeats, int referenceExamples, int gramRows, int stageExamples) {}

  /**
   * What was measured.
   *
   * @param batchSize examples per graph run of the batched paths
   * @param examples examples per timed pass of the batched paths
   * @param batchedRates examples/s of the batched path, one per repetition
   * @param patchesRates examples/s of the batched-patches path (the earlier one), one per repetition
   * @param referenceRate examples/s of the reference path
   * @param stageSeconds seconds per example of the batched path up to each {@link Stage}, in order
   *     (forward; + backward to the linear outputs; + per-example products; + fetch and copy out)
   * @param gramRows rows of the Gram matrix
   * @param features feature dimension
   * @param gramSeconds time of the Gram products alone (features already computed)
   * @param gramMultiplyAdds multiply-adds the products performed (upper block triangle)
   */
  public record Result(int batchSize, int examples, List<Double> batchedRates, List<Double> patchesRates,
      double referenceRate, double[] stageSeconds, int gramRows, long features, double gramSeconds,
      double gramMultiplyAdds) {

    /** Achieved GFLOP/s of the Gram products (2 flops per multiply-add). */
    public double gramGflops() {
      return 2 * gramMultiplyAdds / gramSeconds / 1e9;
    }

    /** Names of the stages, in the order of {@link #stageSeconds}. */
    public static List<String> stageNames() {
      return List.of("forward", "backward to linear outputs", "per-example products", "copy out (per block)");
    }
  }

  /**
   * Runs the benchmark on the images of {@code x} (the Gram on its first {@code plan.gramRows()}).
   * After each repetition of the batched paths {@code afterRepeat} is called with its index, so a
   * caller can time a peer back to back with them.
   */
  public static Result run(Model model, Images x, Plan plan, IntConsumer afterRepeat, Progress progress) {
    BatchedGradientFeatures batched = (BatchedGradientFeatures) FeatureMap.of(model, FeatureKind.NTK, Implementation.BATCHED);
    FeatureMap patches = FeatureMap.of(model, FeatureKind.NTK, Implementation.BATCHED_PATCHES);
    FeatureMap reference = FeatureMap.of(model, FeatureKind.NTK, Implementation.REFERENCE);
    int d = Math.toIntExact(batched.dimension());
    int rows = Math.min(x.count(), batched.batchSize());
    float[] scratch = new float[Math.multiplyExact(rows, d)];
    batched.compute(x, 0, rows, scratch, 0); // warm-up (and the graph of a full batch)
    patches.compute(x, 0, rows, scratch, 0);
    reference.compute(x, 0, 1, scratch, 0);

    List<Double> batchedRates = new ArrayList<>();
    List<Double> patchesRates = new ArrayList<>();
    for (int rep = 0; rep < plan.repeats(); rep++) {
      batchedRates.add(x.count() / seconds(batched, x, rows, scratch, progress));
      patchesRates.add(x.count() / seconds(patches, x, rows, scratch, progress));
      afterRepeat.accept(rep);
    }

    int nRef = Math.min(plan.referenceExamples(), x.count());
    long t0 = System.nanoTime();
    for (int i = 0; i < nRef; i++) {
      reference.compute(x, i, i + 1, scratch, 0);
      progress.step(1);
    }
    double referenceRate = nRef / ((System.nanoTime() - t0) / 1e9);

    double[] stages = stages(batched, x.slice(0, Math.min(x.count(), plan.stageExamples())), rows, scratch);

    int n = Math.min(plan.gramRows(), x.count());
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
    return new Result(rows, x.count(), batchedRates, patchesRates, referenceRate, stages, n, d,
        gramSeconds, macs);
  }

  /** Seconds for all of {@code x} through {@code map}, {@code rows} per call. */
  private static double seconds(FeatureMap map, Images x, int rows, float[] scratch, Progress progress) {
    long t0 = System.nanoTime();
    for (int from = 0; from < x.count(); from += rows) {
      int to = Math.min(x.count(), from + rows);
      map.compute(x, from, to, scratch, 0);
      progress.step(to - from);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Seconds per example up to each stage: the batches of {@code x} are run up to every stage in
   * turn, batch after batch (so the stages see the same machine), and the fastest of three passes
   * is kept per stage.
   */
  private static double[] stages(BatchedGradientFeatures map, Images x, int rows, float[] scratch) {
    Stage[] all = Stage.values();
    double[] best = new double[all.length];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    for (int pass = 0; pass < 3; pass++) {
      double[] sum = new double[all.length];
      for (int from = 0; from < x.count(); from += rows) {
        int to = Math.min(x.count(), from + rows);
        for (Stage s : all) {
          long t0 = System.nanoTime();
          map.runTo(s, x, from, to, scratch);
          sum[s.ordinal()] += (System.nanoTime() - t0) / 1e9;
        }
      }
      for (int s = 0; s < all.length; s++) {
        best[s] = Math.min(best[s], sum[s] / x.count());
      }
    }
    return best;
  }
}
