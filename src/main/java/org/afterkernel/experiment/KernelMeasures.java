package org.afterkernel.experiment;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.invariance.InvarianceKind;
import org.afterkernel.invariance.InvarianceMeasures;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.kernel.KernelStats;
import org.afterkernel.linear.DenseMatrix;

/**
 * The kernel measures the script takes before training (prefix {@code ntk_}) and after ({@code
 * ak_}): the four invariances, the alignment of the gradient kernel with its conjugate projection
 * and the effective rank, each on the first N test images as configured.
 */
final class KernelMeasures {
  private KernelMeasures() {}

  /** True when the configuration asks for any of these measures. */
  static boolean requested(ExperimentConfig c) {
    return !invariances(c).isEmpty() || c.kerAlignmentSampleSize() > 0 || c.effectiveRankSampleSize() > 0;
  }

  /** The invariance kinds requested, with their numbers of test images. */
  static Map<InvarianceKind, Integer> invariances(ExperimentConfig c) {
    Map<InvarianceKind, Integer> m = new EnumMap<>(InvarianceKind.class);
    if (c.numTranslations() > 0) {
      m.put(InvarianceKind.TRANSLATE, c.numTranslations());
    }
    if (c.numZooms() > 0) {
      m.put(InvarianceKind.ZOOM, c.numZooms());
    }
    if (c.numSwaps() > 0) {
      m.put(InvarianceKind.SWAP, c.numSwaps());
    }
    if (c.numRotations() > 0) {
      m.put(InvarianceKind.ROTATE, c.numRotations());
    }
    return m;
  }

  /**
   * Takes the measures on {@code net}; keys are {@code prefix + name} (e.g. {@code ak_swap}).
   * {@code perturbed} holds the invariances' perturbed test images (see {@link #perturb}).
   */
  static Map<String, Double> measure(ExperimentConfig c, MeasuredNetwork net, LabeledImages test,
      InvarianceMeasures.Perturbed perturbed, String prefix, Progress progress) {
    Map<String, Double> out = new LinkedHashMap<>();
    FeatureKind kind = c.useConjugateKernel() ? FeatureKind.CONJUGATE : FeatureKind.NTK;
    if (perturbed != null) {
      InvarianceMeasures.measure(net.kernel(kind), perturbed, progress)
          .forEach((k, v) -> out.put(prefix + k.measureName(), v));
    }
    DenseMatrix alignmentGram = null;
    if (c.kerAlignmentSampleSize() > 0) {
      LabeledImages sample = test.first(c.kerAlignmentSampleSize());
      DenseMatrix ntk = gram(net, FeatureKind.NTK, sample.images(), progress);
      DenseMatrix conj = gram(net, FeatureKind.CONJUGATE, sample.images(), progress);
      out.put(prefix + "alignment", KernelStats.alignment(ntk, conj));
      alignmentGram = kind == FeatureKind.NTK ? ntk : conj;
      out.put(prefix + "target_alignment", KernelStats.targetAlignment(alignmentGram, sample.labels()));
    }
    if (c.effectiveRankSampleSize() > 0) {
      int n = Math.min(c.effectiveRankSampleSize(), test.count());
      // The effective rank's Gram is a leading block of the alignment's when that one is larger.
      DenseMatrix g = alignmentGram != null && alignmentGram.rows() >= n ? leading(alignmentGram, n)
          : gram(net, kind, test.images().slice(0, n), progress);
      out.put(prefix + "effective_rank", KernelStats.effectiveRank(g));
    }
    return out;
  }

  /** The invariances' perturbed test images for {@code c} (null when none is measured). */
  static InvarianceMeasures.Perturbed perturb(ExperimentConfig c, LabeledImages test) {
    Map<InvarianceKind, Integer> inv = invariances(c);
    return inv.isEmpty() ? null : InvarianceMeasures.perturb(test.images(), inv, c.rotationAngle());
  }

  /** The leading {@code n x n} block of a square matrix. */
  private static DenseMatrix leading(DenseMatrix g, int n) {
    if (n == g.rows()) {
      return g;
    }
    float[] out = new float[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(g.data(), g.rowOffset(i), out, i * n, n);
    }
    return new DenseMatrix(n, n, out);
  }

  private static DenseMatrix gram(MeasuredNetwork net, FeatureKind kind, Images x, Progress progress) {
    return Kernel.of(net.kernel(kind)).gram(x, progress);
  }
}
