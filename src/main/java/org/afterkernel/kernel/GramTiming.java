package org.afterkernel.kernel;

import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Times the two halves of a Gram matrix for benchmarks: computing the rows of the images (held in
 * one tensor, as {@link Kernel} holds a group) and the Gram's blocks over them, as {@link Kernel}
 * forms them (row blocks against every later row, so about half the matrix). Counts the useful
 * multiply-adds of the blocks, padding excluded, so a rate can be set against TensorFlow's MatMul.
 */
public final class GramTiming {
  private GramTiming() {}

  /**
   * @param rows images whose rows were computed
   * @param rowSeconds seconds to compute them
   * @param gramSeconds seconds of the Gram's blocks
   * @param multiplyAdds multiply-adds of the blocks (the structured layout's segment products)
   * @param width values per row
   */
  public record Result(int rows, double rowSeconds, double gramSeconds, double multiplyAdds, int width) {
    /** Achieved GFLOP/s of the blocks. */
    public double gramGflops() {
      return 2 * multiplyAdds / gramSeconds / 1e9;
    }
  }

  /** Rows and Gram blocks of the first {@code n} images of {@code x} under {@code map}. */
  public static Result measure(FeatureMap map, Images x, int n, Progress progress) {
    int width = map.layout().width();
    int blockRows = Kernel.of(map).plan(n, 0).blockRows();
    long padded = Kernel.paddedWidth(width);
    try (TFloat32 held = TFloat32.tensorOf(Shape.of(n, padded)); GramBlocks blocks = new GramBlocks(map.layout())) {
      long t0 = System.nanoTime();
      Kernel.fill(map, held, x, 0, n, blockRows, progress);
      double rowSeconds = (System.nanoTime() - t0) / 1e9;
      blocks.within(held, n, 0, Math.min(n, blockRows), 0); // warm-up
      double macs = 0;
      t0 = System.nanoTime();
      for (int i0 = 0; i0 < n; i0 += blockRows) {
        int i1 = Math.min(n, i0 + blockRows);
        blocks.within(held, n, i0, i1 - i0, i0);
        macs += (double) (i1 - i0) * (n - i0) * width;
      }
      return new Result(n, rowSeconds, (System.nanoTime() - t0) / 1e9, macs, width);
    }
  }
}
