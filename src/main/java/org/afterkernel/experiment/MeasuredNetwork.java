package org.afterkernel.experiment;

import org.afterkernel.data.LabeledImages;
import org.afterkernel.kernel.CachedFeatureMap;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.nn.Model;

/**
 * One state of a network's weights as the measures see it: its kernels' feature maps, each
 * computing the rows of the test images once for all the measures taken in this state (the
 * invariances' originals, the alignment's and effective rank's samples, the SVM's test kernel).
 * Kernels use {@link Implementation#STRUCTURED} rows (tested equal to the materialized kernel);
 * {@link #features} gives the materialized features the primal SVM needs. Valid only while the
 * weights do not change: take a new one after training.
 */
final class MeasuredNetwork {
  /** Bytes of test rows held per kernel, at most (mega-VGG's 1,984 test rows would be 7 GB). */
  static final long TEST_ROWS_BUDGET = 1L << 30;

  private final Model model;
  private final FeatureMap ntk;
  private final FeatureMap conjugate;

  /** The network in its current state; the first {@code testRows} test images are cached. */
  MeasuredNetwork(Model model, LabeledImages test, int testRows) {
    this.model = model;
    this.ntk = new CachedFeatureMap(FeatureMap.of(model, FeatureKind.NTK, Implementation.STRUCTURED), test.images(),
        testRows, TEST_ROWS_BUDGET);
    this.conjugate = new CachedFeatureMap(FeatureMap.of(model, FeatureKind.CONJUGATE, Implementation.BATCHED),
        test.images(), testRows, TEST_ROWS_BUDGET);
  }

  /** The test rows any measure of {@code c} reads: all of them with the SVM, else the largest sample. */
  static int testRowsNeeded(ExperimentConfig c, int testCount) {
    if (c.trainLinearModel()) {
      return testCount;
    }
    int n = c.kerAlignmentSampleSize();
    n = Math.max(n, c.effectiveRankSampleSize());
    for (int v : KernelMeasures.invariances(c).values()) {
      n = Math.max(n, v);
    }
    return Math.min(n, testCount);
  }

  Model model() {
    return model;
  }

  /** The kernel's feature map of {@code kind} (rows for kernels, maybe structured). */
  FeatureMap kernel(FeatureKind kind) {
    return kind == FeatureKind.NTK ? ntk : conjugate;
  }

  /** The materialized features of {@code kind} (for the primal SVM). */
  FeatureMap features(FeatureKind kind) {
    return FeatureMap.of(model, kind, Implementation.BATCHED);
  }
}
