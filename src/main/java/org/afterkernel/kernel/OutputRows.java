package org.afterkernel.kernel;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.data.Images;

/**
 * The rows of a C-output network's full tangent kernel as one {@link FeatureMap}: row {@code i * C
 * + c} is grad f_c(x_i), the features of output c of image i, so the kernel of this map on the
 * {@linkplain #tile tiled} images is the full kernel with its C x C block per pair of inputs,
 * K[(i, c), (j, c')] = grad f_c(x_i) . grad f_c'(x_j) (neural-tangents' kernel without {@code
 * trace_axes}).
 *
 * <p>Each output's features come from its own map (a model whose logit is that output, see {@link
 * org.afterkernel.nn.OutputHead#index}), so every implementation (the one-example REFERENCE, the
 * batched ones, STRUCTURED) serves here unchanged: a block of rows is split by output, each part
 * computed by its output's map, and the rows put back in order.
 */
public final class OutputRows implements FeatureMap {
  private final List<FeatureMap> perOutput;

  /**
   * @param perOutput map c gives the features of output c; all of one network, so of one layout
   * @throws IllegalArgumentException when there are none or their layouts differ
   */
  public OutputRows(List<FeatureMap> perOutput) {
    if (perOutput.isEmpty()) {
      throw new IllegalArgumentException("no outputs");
    }
    for (FeatureMap m : perOutput) {
      if (!m.layout().equals(perOutput.get(0).layout())) {
        throw new IllegalArgumentException("the outputs' feature maps have different layouts: "
            + m.layout() + " and " + perOutput.get(0).layout() + " (expected the maps of one network)");
      }
    }
    this.perOutput = List.copyOf(perOutput);
  }

  /** Number of outputs C. */
  public int outputs() {
    return perOutput.size();
  }

  /** {@code x} with every image repeated C times in a row: image {@code i} at rows {@code i*C..i*C+C-1}. */
  public static Images tile(Images x, int outputs) {
    int[] idx = new int[Math.multiplyExact(x.count(), outputs)];
    for (int r = 0; r < idx.length; r++) {
      idx[r] = r / outputs;
    }
    return x.select(idx);
  }

  @Override
  public long dimension() {
    return perOutput.get(0).dimension();
  }

  @Override
  public RowLayout layout() {
    return perOutput.get(0).layout();
  }

  /** C times an output's batch, so that each output's part is one of its batches. */
  @Override
  public int batchSize() {
    return Math.multiplyExact(perOutput.get(0).batchSize(), perOutput.size());
  }

  /**
   * Writes rows {@code [from, to)} of the tiled images {@code x}: row {@code r} holds the features
   * of output {@code r mod C} of image {@code x[r]}.
   */
  @Override
  public void compute(Images x, int from, int to, float[] out, int offset) {
    int c0 = perOutput.size();
    int d = layout().width();
    for (int c = 0; c < c0; c++) {
      List<Integer> rows = new ArrayList<>();
      for (int r = from; r < to; r++) {
        if (r % c0 == c) {
          rows.add(r);
        }
      }
      if (rows.isEmpty()) {
        continue;
      }
      int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
      float[] part = new float[Math.multiplyExact(idx.length, d)];
      perOutput.get(c).compute(x.select(idx), 0, idx.length, part, 0);
      for (int k = 0; k < idx.length; k++) {
        System.arraycopy(part, k * d, out, offset + (idx[k] - from) * d, d);
      }
    }
  }
}
