package org.afterkernel.invariance;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The script's "locality" perturbation: the top-left and bottom-right quadrants trade places.
 *
 * <p>The script ({@code calc_swap_inv}) takes {@code s = int(image_size / 2)} and swaps {@code x[:,
 * :s, :s]} with {@code x[:, s:, s:]} in numpy. Its images are square with an even side (28, 32),
 * where both blocks are {@code s x s} and the rest of the image is untouched. For other sizes the
 * script's two blocks differ in shape and numpy fails; this port generalises by swapping the {@code
 * qh x qw} block at the top-left corner with the {@code qh x qw} block at the bottom-right corner,
 * {@code qh = floor(H/2)}, {@code qw = floor(W/2)}: the bottom-right block starts at row {@code H -
 * qh} and column {@code W - qw} (equal to {@code s} for even sides), so an odd image keeps its
 * middle row and column in place. Images with a side of 1 are left unchanged.
 */
public record QuadrantSwap() implements Perturbation {

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> imagesNhwc) {
    int[] hwc = ImageOperands.heightWidthChannels(imagesNhwc);
    int h = hwc[0];
    int w = hwc[1];
    int qh = h / 2;
    int qw = w / 2;
    if (qh == 0 || qw == 0) {
      return tf.identity(imagesNhwc);
    }
    // Cut the image into a top band, a middle band (odd heights only) and a bottom band, rebuild
    // the bands with the corner blocks exchanged, and stack them again.
    Operand<TFloat32> topLeft = block(tf, imagesNhwc, 0, qh, 0, qw);
    Operand<TFloat32> topRest = block(tf, imagesNhwc, 0, qh, qw, w - qw);
    Operand<TFloat32> bottomRest = block(tf, imagesNhwc, h - qh, qh, 0, w - qw);
    Operand<TFloat32> bottomRight = block(tf, imagesNhwc, h - qh, qh, w - qw, qw);
    List<Operand<TFloat32>> bands = new ArrayList<>();
    bands.add(tf.concat(List.of(bottomRight, topRest), tf.constant(2)));
    if (h - 2 * qh > 0) {
      bands.add(block(tf, imagesNhwc, qh, h - 2 * qh, 0, w));
    }
    bands.add(tf.concat(List.of(bottomRest, topLeft), tf.constant(2)));
    return tf.concat(bands, tf.constant(1));
  }

  private static Operand<TFloat32> block(
      Ops tf, Operand<TFloat32> images, int top, int rows, int left, int cols) {
    return tf.slice(
        images,
        tf.constant(new int[] {0, top, left, 0}),
        tf.constant(new int[] {-1, rows, cols, -1}));
  }

  /**
   * The swap with loops: for {@code 0 <= y < qh}, {@code 0 <= x < qw}, pixel {@code (y, x)} and
   * pixel {@code (H - qh + y, W - qw + x)} exchange values.
   */
  @Override
  public Images reference(Images images) {
    int h = images.height();
    int w = images.width();
    int c = images.channels();
    int qh = h / 2;
    int qw = w / 2;
    float[] out = images.pixels().clone();
    for (int n = 0; n < images.count(); n++) {
      for (int y = 0; y < qh; y++) {
        for (int x = 0; x < qw; x++) {
          for (int ch = 0; ch < c; ch++) {
            int a = ((n * h + y) * w + x) * c + ch;
            int b = ((n * h + h - qh + y) * w + w - qw + x) * c + ch;
            out[a] = images.pixels()[b];
            out[b] = images.pixels()[a];
          }
        }
      }
    }
    return new Images(images.count(), h, w, c, out);
  }

  @Override
  public String describe() {
    return "swap(top-left <-> bottom-right quadrant)";
  }
}
