package org.afterkernel.kernel;

import java.util.List;
import java.util.Locale;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;

/**
 * The tangent kernel of a network of C outputs, from the per-example gradients of every output:
 * the {@linkplain Mode#FULL full} kernel with a C x C block per pair of inputs, or its {@linkplain
 * Mode#TRACE trace} over outputs, sum_c grad f_c(u) . grad f_c(v) (neural-tangents' {@code
 * trace_axes=(-1,)}). Function-first: each mode is one static computation over the outputs' {@link
 * FeatureMap}s, streamed through {@link Kernel} with its memory budget.
 */
public final class MultiOutputKernel {
  private MultiOutputKernel() {}

  /** Which kernel of the C outputs. */
  public enum Mode {
    /** K[(i, c), (j, c')] = grad f_c(x_i) . grad f_c'(x_j): rows and columns ordered (image, output). */
    FULL,
    /** sum_c grad f_c(u) . grad f_c(v): one entry per pair of inputs. */
    TRACE;

    /** {@code full} or {@code trace}. */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code full} or {@code trace}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Mode parse(String text) {
      return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
        case "full" -> FULL;
        case "trace" -> TRACE;
        default -> throw new IllegalArgumentException("outputs is '" + text + "', expected full or trace");
      };
    }
  }

  /**
   * The kernel of {@code mode} on {@code a} (and {@code K(b, a)} when {@code b} is given): for
   * FULL, matrices of {@code |a| C} (and {@code |b| C}) rows ordered (image, output).
   *
   * @param perOutput map c gives the features of output c (one network's)
   * @param memoryBudget bytes of features held at once
   */
  public static Kernel.Matrices compute(Mode mode, List<FeatureMap> perOutput, Images a, Images b,
      long memoryBudget, Progress progress) {
    int outputs = perOutput.size();
    if (mode == Mode.FULL) {
      return Kernel.of(new OutputRows(perOutput)).withMemoryBudget(memoryBudget)
          .compute(OutputRows.tile(a, outputs), b == null ? null : OutputRows.tile(b, outputs), progress);
    }
    DenseMatrix gram = null;
    DenseMatrix cross = null;
    for (FeatureMap m : perOutput) {
      Kernel.Matrices part = Kernel.of(m).withMemoryBudget(memoryBudget).compute(a, b, progress);
      gram = gram == null ? part.gram() : add(gram, part.gram());
      cross = part.cross() == null ? null : cross == null ? part.cross() : add(cross, part.cross());
    }
    return new Kernel.Matrices(gram, cross);
  }

  /**
   * The full kernel rearranged from rows and columns ordered (image, output) to neural-tangents'
   * layout {@code [n1, n2, C, C]}, row-major: entry {@code [i, j, c, c']} is K[(i, c), (j, c')].
   */
  public static float[] toBlocks(DenseMatrix full, int outputs) {
    int n1 = full.rows() / outputs;
    int n2 = full.cols() / outputs;
    if (n1 * outputs != full.rows() || n2 * outputs != full.cols()) {
      throw new IllegalArgumentException("a " + full.shapeString() + " kernel is not made of " + outputs + "x"
          + outputs + " blocks");
    }
    float[] out = new float[Math.multiplyExact(full.rows(), full.cols())];
    int k = 0;
    for (int i = 0; i < n1; i++) {
      for (int j = 0; j < n2; j++) {
        for (int c = 0; c < outputs; c++) {
          for (int c2 = 0; c2 < outputs; c2++) {
            out[k++] = full.get(i * outputs + c, j * outputs + c2);
          }
        }
      }
    }
    return out;
  }

  private static DenseMatrix add(DenseMatrix x, DenseMatrix y) {
    float[] s = x.data().clone();
    for (int i = 0; i < s.length; i++) {
      s[i] += y.data()[i];
    }
    return new DenseMatrix(x.rows(), x.cols(), s);
  }
}
