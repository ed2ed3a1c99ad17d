package org.afterkernel.invariance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.RowLayout;

/**
 * The original's invariance measures of a kernel: for each requested {@link InvarianceKind}, the
 * mean over its perturbations of the mean cosine between the embeddings of the first N images and
 * of their perturbed copies. Embeddings are produced block by block: each block's original
 * features are computed once and compared with the features of every perturbed copy of the block,
 * so no more than two blocks of features are held at once.
 */
public final class InvarianceMeasures {
  /** Bytes of one block of features, at most. */
  static final long BLOCK_BYTES = 128L << 20;

  private InvarianceMeasures() {}

  /**
   * The perturbed copies the measures of {@code firstN} need: for each kind, one copy of its first
   * N images per perturbation. Images are small, features are not; the copies depend only on the
   * images, so one set serves every network measured on them.
   *
   * @param images the images measured
   * @param copies per kind, its perturbed copies
   * @param needed the number of leading images whose original features are compared
   */
  public record Perturbed(Images images, Map<InvarianceKind, List<Images>> copies, int needed) {}

  /** Perturbs the images of the requested measures (see {@link #measure(FeatureMap, Perturbed, Progress)}). */
  public static Perturbed perturb(Images images, Map<InvarianceKind, Integer> firstN, double rotationAngle) {
    Map<InvarianceKind, List<Images>> perturbed = new EnumMap<>(InvarianceKind.class);
    int needed = 0;
    for (Map.Entry<InvarianceKind, Integer> e : firstN.entrySet()) {
      int n = Math.min(e.getValue(), images.count());
      if (n <= 0) {
        throw new IllegalArgumentException(e.getKey().measureName() + " needs at least one image");
      }
      needed = Math.max(needed, n);
      List<Images> copies = new ArrayList<>();
      for (Perturbation p : e.getKey().perturbations(rotationAngle)) {
        copies.add(GraphPerturber.apply(p, images.slice(0, n)));
      }
      perturbed.put(e.getKey(), copies);
    }
    return new Perturbed(images, perturbed, needed);
  }

  /**
   * Measures {@code firstN.keySet()} on {@code images}; kind k uses the first {@code firstN.get(k)}
   * images (the script's {@code num_translations}, {@code num_rotations}, ...).
   */
  public static Map<InvarianceKind, Double> measure(
      FeatureMap map, Images images, Map<InvarianceKind, Integer> firstN, double rotationAngle,
      Progress progress) {
    return measure(map, perturb(images, firstN, rotationAngle), progress);
  }

  /** The measures of {@code map} on images perturbed beforehand. */
  public static Map<InvarianceKind, Double> measure(FeatureMap map, Perturbed p, Progress progress) {
    Images images = p.images();
    Map<InvarianceKind, List<Images>> perturbed = p.copies();
    int needed = p.needed();
    Map<InvarianceKind, List<CosineAccumulator>> cosines = new EnumMap<>(InvarianceKind.class);
    perturbed.forEach((kind, copies) -> cosines.put(kind, copies.stream().map(c -> new CosineAccumulator()).toList()));
    RowLayout layout = map.layout();
    int d = layout.width();
    int block = (int) Math.max(1, Math.min(needed, BLOCK_BYTES / (4L * d)));
    if (block >= map.batchSize()) {
      block = block / map.batchSize() * map.batchSize();
    }
    float[] original = new float[block * d];
    float[] other = new float[block * d];
    for (int from = 0; from < needed; from += block) {
      int to = Math.min(needed, from + block);
      map.compute(images, from, to, original, 0);
      progress.step(to - from);
      for (Map.Entry<InvarianceKind, List<Images>> e : perturbed.entrySet()) {
        int end = Math.min(to, e.getValue().get(0).count());
        if (end <= from) {
          continue;
        }
        for (int k = 0; k < e.getValue().size(); k++) {
          map.compute(e.getValue().get(k), from, end, other, 0);
          cosines.get(e.getKey()).get(k).addRows(original, other, end - from, layout);
          progress.step(end - from);
        }
      }
    }
    Map<InvarianceKind, Double> out = new EnumMap<>(InvarianceKind.class);
    cosines.forEach((kind, acc) -> out.put(kind, acc.stream().mapToDouble(CosineAccumulator::mean).average().orElseThrow()));
    return out;
  }

  /** Feature rows {@link #measure} computes for these requests (for progress totals). */
  public static long featureRows(Map<InvarianceKind, Integer> firstN, double rotationAngle, int available) {
    long rows = 0;
    int needed = 0;
    for (Map.Entry<InvarianceKind, Integer> e : firstN.entrySet()) {
      int n = Math.min(e.getValue(), available);
      needed = Math.max(needed, n);
      rows += (long) n * e.getKey().perturbations(rotationAngle).size();
    }
    return rows + needed;
  }
}
