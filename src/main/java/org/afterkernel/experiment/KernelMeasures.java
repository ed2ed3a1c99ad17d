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
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.kernel.KernelStats;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;

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

  /** Takes the measures on {@code model}; keys are {@code prefix + name} (e.g. {@code ak_swap}). */
  static Map<String, Double> measure(ExperimentConfig c, Model model, LabeledImages test, String prefix,
      Progress progress) {
    Map<String, Double> out = new LinkedHashMap<>();
    FeatureKind kind = c.useConjugateKernel() ? FeatureKind.CONJUGATE : FeatureKind.NTK;
    Map<InvarianceKind, Integer> inv = invariances(c);
    if (!inv.isEmpty()) {
      InvarianceMeasures.measure(FeatureMap.of(model, kind, Implementation.BATCHED), test.images(), inv,
          c.rotationAngle(), progress).forEach((k, v) -> out.put(prefix + k.measureName(), v));
    }
    if (c.kerAlignmentSampleSize() > 0) {
      LabeledImages sample = test.first(c.kerAlignmentSampleSize());
      DenseMatrix ntk = gram(model, FeatureKind.NTK, sample.images(), progress);
      DenseMatrix conj = gram(model, FeatureKind.CONJUGATE, sample.images(), progress);
      out.put(prefix + "alignment", KernelStats.alignment(ntk, conj));
      out.put(prefix + "target_alignment", KernelStats.targetAlignment(kind == FeatureKind.NTK ? ntk : conj,
          sample.labels()));
    }
    if (c.effectiveRankSampleSize() > 0) {
      Images sample = test.images().slice(0, Math.min(c.effectiveRankSampleSize(), test.count()));
      out.put(prefix + "effective_rank", KernelStats.effectiveRank(gram(model, kind, sample, progress)));
    }
    return out;
  }

  private static DenseMatrix gram(Model model, FeatureKind kind, Images x, Progress progress) {
    return Kernel.of(FeatureMap.of(model, kind, Implementation.BATCHED)).gram(x, progress);
  }
}
