package org.afterkernel.kernel;

import java.util.Locale;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.tf.Tensors;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The kernel K(u, v) = phi(u) . phi(v) of a {@link FeatureMap}, evaluated as Gram matrices without
 * ever holding more features than a memory budget allows.
 *
 * <p>Rows of the first set are taken in groups that fit the budget; a group's features are held
 * (as one native tensor), its own Gram block is computed, then the features of every later block
 * are streamed through it one block at a time. When everything fits, there is one group and every
 * feature row is computed once; otherwise later blocks are recomputed once per earlier group,
 * trading time for memory. Products run on TensorFlow's MatMul.
 */
public final class Kernel {
  /** Default bytes of features held at once (one group): 3 GiB. */
  public static final long DEFAULT_MEMORY_BUDGET = 3L << 30;
  /** Bytes of one streamed block, at most. */
  static final long STREAMED_BLOCK_BYTES = 256L << 20;
  /**
   * Bytes of one block of Gram entries, at most: narrow (structured) rows would otherwise make one
   * block of every row, whose products and their elementwise combination are gigabytes at once.
   */
  static final long GRAM_BLOCK_BYTES = 64L << 20;
  /**
   * Default bound on how many times over a plan may compute the feature rows (rows computed /
   * rows asked for). mega-VGG's Gram on all of MNIST 3-vs-8 plans 7.9 at the default budget.
   */
  public static final double DEFAULT_MAX_RECOMPUTE = 10;

  private final FeatureMap map;
  private final long memoryBudget;
  private final double maxRecompute;

  private Kernel(FeatureMap map, long memoryBudget, double maxRecompute) {
    this.map = map;
    this.memoryBudget = memoryBudget;
    this.maxRecompute = maxRecompute;
  }

  /** The kernel of {@code map} with the default memory budget. */
  public static Kernel of(FeatureMap map) {
    return new Kernel(map, DEFAULT_MEMORY_BUDGET, DEFAULT_MAX_RECOMPUTE);
  }

  /** The same kernel holding at most {@code bytes} of features at once. */
  public Kernel withMemoryBudget(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("memory budget must be positive, got " + bytes);
    }
    return new Kernel(map, bytes, maxRecompute);
  }

  /**
   * The same kernel refusing plans that compute the feature rows more than {@code factor} times
   * over (see {@link Plan#recomputeFactor}).
   */
  public Kernel withMaxRecompute(double factor) {
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("the recompute bound must be at least 1, got " + factor);
    }
    return new Kernel(map, memoryBudget, factor);
  }

  /** The feature map. */
  public FeatureMap featureMap() {
    return map;
  }

  /** K(a, a) and, when {@code b} is given, K(b, a). */
  public record Matrices(DenseMatrix gram, DenseMatrix cross) {}

  /**
   * How a computation will be blocked.
   *
   * @param blockRows rows per streamed block
   * @param groupRows rows per held group
   * @param groups number of held groups
   * @param featureRowsComputed feature rows computed in all (rows recomputed per group included)
   * @param heldBytes bytes of features held at once (one group plus one streamed block)
   * @param resultBytes bytes of the Gram matrices
   */
  public record Plan(int blockRows, int groupRows, int groups, long featureRowsComputed, long heldBytes,
      long resultBytes, long examples) {
    /** Feature rows computed per example asked for: 1 when everything is held at once. */
    public double recomputeFactor() {
      return examples == 0 ? 1 : (double) featureRowsComputed / examples;
    }

    /** A one-line description with the numbers. */
    public String describe() {
      return String.format(Locale.ROOT,
          "%d group(s) of %d rows held (%.2f GB of features at once), blocks of %d rows, %,d feature rows"
              + " computed (%.2fx the %,d examples), %.2f GB of Gram matrices", groups, groupRows,
          heldBytes / 1e9, blockRows, featureRowsComputed, recomputeFactor(), examples, resultBytes / 1e9);
    }
  }

  /** The blocking of a computation over {@code nA} (and {@code nB}) examples. */
  public Plan plan(int nA, int nB) {
    return plan(nA, nB, memoryBudget);
  }

  private Plan plan(int nA, int nB, long memoryBudget) {
    long rowBytes = 4L * paddedWidth(map.layout().width());
    int batch = map.batchSize();
    // A streamed block is at most a quarter of the budget; whole batches when it can be.
    long blockFit = Math.max(1, Math.min(Math.min(STREAMED_BLOCK_BYTES, memoryBudget / 4) / rowBytes,
        GRAM_BLOCK_BYTES / (4L * Math.max(1, Math.max(nA, nB)))));
    int blockRows = (int) Math.min(blockFit >= batch ? blockFit / batch * batch : blockFit,
        Math.max(1, Math.max(nA, nB)));
    long fit = Math.max(0, memoryBudget - rowBytes * blockRows) / rowBytes / blockRows * blockRows;
    int groupRows = (int) Math.min(Math.max(nA, 1), Math.max(blockRows, fit));
    int groups = (nA + groupRows - 1) / groupRows;
    long computed = 0;
    for (int g = 0; g < groups; g++) {
      computed += (long) nA - (long) g * groupRows + nB;
    }
    long resultBytes = 4L * ((long) nA * nA + (long) nB * nA);
    return new Plan(blockRows, groupRows, groups, computed,
        rowBytes * ((long) groupRows + blockRows), resultBytes, (long) nA + nB);
  }

  /**
   * Fails, before anything is computed, when the plan recomputes the features more than the
   * bound allows, naming the smallest memory budget that keeps within it.
   */
  private void checkRecompute(int nA, int nB, Plan plan) {
    if (plan.recomputeFactor() <= maxRecompute) {
      return;
    }
    long lo = memoryBudget;
    long hi = Math.max(lo, 4L * paddedWidth(map.layout().width()) * ((long) nA + plan.blockRows()));
    while (hi - lo > (1L << 20)) {
      long mid = lo + (hi - lo) / 2;
      if (plan(nA, nB, mid).recomputeFactor() <= maxRecompute) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    throw new AkException(String.format(Locale.ROOT,
        "a memory budget of %.3g GB computes the features %.1f times over (%,d feature rows for %,d examples,"
            + " more than the bound of %.3g): raise the memory budget to at least %.2f GB",
        memoryBudget / (double) (1L << 30), plan.recomputeFactor(), plan.featureRowsComputed(),
        plan.examples(), maxRecompute, Math.ceil(hi / (double) (1L << 30) * 100) / 100));
  }

  /** K(x, x). */
  public DenseMatrix gram(Images x, Progress progress) {
    return compute(x, null, progress).gram();
  }

  /** K(rows, cols). */
  public DenseMatrix cross(Images rows, Images cols, Progress progress) {
    return compute(cols, rows, progress).cross();
  }

  /** K(a, a) and, when {@code b} is not null, K(b, a), sharing the features of {@code a}. */
  public Matrices compute(Images a, Images b, Progress progress) {
    int nA = a.count();
    int nB = b == null ? 0 : b.count();
    Plan plan = plan(nA, nB);
    checkRecompute(nA, nB, plan);
    checkFits(nA, nB, plan);
    float[] gram = new float[Math.multiplyExact(nA, nA)];
    float[] cross = new float[Math.multiplyExact(nB, nA)];
    long width = paddedWidth(map.layout().width());
    try (GramBlocks blocks = new GramBlocks(map.layout());
        TFloat32 held = TFloat32.tensorOf(Shape.of(plan.groupRows(), width));
        TFloat32 streamed = TFloat32.tensorOf(Shape.of(plan.blockRows(), width))) {
      for (int g0 = 0; g0 < nA; g0 += plan.groupRows()) {
        int g1 = Math.min(nA, g0 + plan.groupRows());
        int hRows = g1 - g0;
        fill(map, held, a, g0, g1, plan.blockRows(), progress);
        for (int i0 = g0; i0 < g1; i0 += plan.blockRows()) {
          int i1 = Math.min(g1, i0 + plan.blockRows());
          float[] block = blocks.within(held, hRows, i0 - g0, i1 - i0, i0 - g0);
          storeSymmetric(gram, nA, block, i0, i1, i0, g1);
        }
        for (int j0 = g1; j0 < nA; j0 += plan.blockRows()) {
          int j1 = Math.min(nA, j0 + plan.blockRows());
          fill(map, streamed, a, j0, j1, plan.blockRows(), progress);
          storeSymmetric(gram, nA, blocks.across(held, hRows, streamed, j1 - j0), g0, g1, j0, j1);
        }
        for (int j0 = 0; j0 < nB; j0 += plan.blockRows()) {
          int j1 = Math.min(nB, j0 + plan.blockRows());
          fill(map, streamed, b, j0, j1, plan.blockRows(), progress);
          storeTransposed(cross, nA, blocks.across(held, hRows, streamed, j1 - j0), g0, g1, j0, j1);
        }
      }
    }
    return new Matrices(new DenseMatrix(nA, nA, gram), b == null ? null : new DenseMatrix(nB, nA, cross));
  }

  /**
   * Row width of held feature tensors: the feature dimension rounded up to 16 floats, the
   * padding zero. Zeros do not change dot products, and 64-byte aligned rows let TensorFlow take
   * row ranges as views instead of copies.
   */
  static long paddedWidth(long d) {
    return (d + 15) / 16 * 16;
  }

  /**
   * Writes the features of images {@code [from, to)} of {@code map} into the first rows of {@code
   * t}, rows padded to {@link #paddedWidth} with zeros.
   */
  static void fill(FeatureMap map, TFloat32 t, Images x, int from, int to, int blockRows, Progress progress) {
    int d = map.layout().width();
    long width = paddedWidth(d);
    float[] zeros = new float[(int) (width - d)];
    for (int s = from; s < to; s += blockRows) {
      int e = Math.min(to, s + blockRows);
      map.computeInto(x, s, e, t, s - from, width);
      for (int r = s - from; r < e - from && zeros.length > 0; r++) {
        Tensors.write(t, r * width + d, zeros);
      }
      progress.step(e - s);
    }
  }

  /** Bytes of physical memory, or 0 when the JVM cannot tell. */
  private static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  /** Tile edge of the blocked copies below (a tile of each side stays in cache). */
  private static final int TILE = 64;

  /**
   * Writes {@code block} (rows i0..i1, columns j0..j1 of G) and its mirror image, tile by tile so
   * that the transposed writes stay in cache.
   */
  private static void storeSymmetric(float[] g, int n, float[] block, int i0, int i1, int j0, int j1) {
    int w = j1 - j0;
    for (int ti = i0; ti < i1; ti += TILE) {
      for (int tj = j0; tj < j1; tj += TILE) {
        for (int i = ti, ie = Math.min(i1, ti + TILE); i < ie; i++) {
          int src = (i - i0) * w - j0;
          for (int j = tj, je = Math.min(j1, tj + TILE); j < je; j++) {
            float v = block[src + j];
            g[i * n + j] = v;
            g[j * n + i] = v;
          }
        }
      }
    }
  }

  /** Writes the transpose of {@code block} (rows i0..i1 of A, rows j0..j1 of B) into K(B, A). */
  private static void storeTransposed(float[] c, int nA, float[] block, int i0, int i1, int j0, int j1) {
    int w = j1 - j0;
    for (int ti = i0; ti < i1; ti += TILE) {
      for (int tj = j0; tj < j1; tj += TILE) {
        for (int i = ti, ie = Math.min(i1, ti + TILE); i < ie; i++) {
          int src = (i - i0) * w - j0;
          for (int j = tj, je = Math.min(j1, tj + TILE); j < je; j++) {
            c[j * nA + i] = block[src + j];
          }
        }
      }
    }
  }


  /** Fails up front, with the numbers, when the result or the held features cannot be held. */
  private static void checkFits(int nA, int nB, Plan plan) {
    long physical = physicalMemory();
    if (physical > 0 && plan.heldBytes() + plan.resultBytes() > physical * 0.9) {
      throw new AkException(String.format(Locale.ROOT,
          "holding %.2f GB of features and %.2f GB of Gram matrices does not fit in this machine's %.2f GB:"
              + " lower the memory budget", plan.heldBytes() / 1e9, plan.resultBytes() / 1e9, physical / 1e9));
    }
    long maxArray = Integer.MAX_VALUE - 8;
    if ((long) nA * nA > maxArray || (long) nB * nA > maxArray) {
      throw new AkException(String.format(Locale.ROOT,
          "a Gram matrix of %,d x %,d examples has more than 2^31 entries: use fewer examples", nA,
          Math.max(nA, nB)));
    }
    Runtime rt = Runtime.getRuntime();
    long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (plan.resultBytes() > available) {
      throw new AkException(String.format(Locale.ROOT,
          "the Gram matrices need %.2f GB but only %.2f GB of Java heap is free (raise -Xmx via AK_JAVA_OPTS)",
          plan.resultBytes() / 1e9, available / 1e9));
    }
  }
}
