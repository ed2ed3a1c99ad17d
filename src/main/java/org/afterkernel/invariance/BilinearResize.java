package org.afterkernel.invariance;

import org.afterkernel.data.Images;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * {@code tf.image.resize(images, size)} with its defaults (bilinear, no antialias), which
 * TensorFlow 2 implements as the {@code ResizeBilinear} op with {@code half_pixel_centers=True} and
 * {@code align_corners=False} ({@code _resize_images_common} / {@code resize_images_v2} in {@code
 * tensorflow/python/ops/image_ops_impl.py}).
 */
public final class BilinearResize {
  private BilinearResize() {}

  /** Adds {@code ResizeBilinear(half_pixel_centers=True, align_corners=False)} to the graph. */
  public static Operand<TFloat32> apply(
      Ops tf, Operand<TFloat32> imagesNhwc, int outHeight, int outWidth) {
    checkSize(outHeight, outWidth);
    return tf.image.resizeBilinear(
        imagesNhwc,
        tf.constant(new int[] {outHeight, outWidth}),
        ResizeBilinear.alignCorners(false),
        ResizeBilinear.halfPixelCenters(true));
  }

  /**
   * The resize with loops, following the CPU kernel ({@code resize_bilinear_op.cc} with {@code
   * image_resizer_state.h}) in float32:
   *
   * <ul>
   *   <li>same size in and out: the images are returned unchanged;
   *   <li>{@code scale = in_size / out_size}; output index {@code i} samples input coordinate
   *       {@code in = (i + 0.5) * scale - 0.5} (half-pixel centres);
   *   <li>{@code lower = max(floor(in), 0)}, {@code upper = min(ceil(in), in_size - 1)}, {@code
   *       lerp = in - floor(in)} (so the edges repeat the border pixel);
   *   <li>{@code top = tl + (tr - tl) * x_lerp}, {@code bottom = bl + (br - bl) * x_lerp}, value
   *       {@code top + (bottom - top) * y_lerp}.
   * </ul>
   */
  public static Images reference(Images images, int outHeight, int outWidth) {
    checkSize(outHeight, outWidth);
    int inH = images.height();
    int inW = images.width();
    int c = images.channels();
    int n = images.count();
    if (inH == outHeight && inW == outWidth) {
      return new Images(n, inH, inW, c, images.pixels().clone());
    }
    Axis ys = Axis.of(inH, outHeight);
    Axis xs = Axis.of(inW, outWidth);
    float[] out = new float[n * outHeight * outWidth * c];
    int i = 0;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < outHeight; y++) {
        for (int x = 0; x < outWidth; x++) {
          for (int ch = 0; ch < c; ch++) {
            float tl = images.get(b, ys.lower[y], xs.lower[x], ch);
            float tr = images.get(b, ys.lower[y], xs.upper[x], ch);
            float bl = images.get(b, ys.upper[y], xs.lower[x], ch);
            float br = images.get(b, ys.upper[y], xs.upper[x], ch);
            float top = tl + (tr - tl) * xs.lerp[x];
            float bottom = bl + (br - bl) * xs.lerp[x];
            out[i++] = top + (bottom - top) * ys.lerp[y];
          }
        }
      }
    }
    return new Images(n, outHeight, outWidth, c, out);
  }

  private static void checkSize(int outHeight, int outWidth) {
    if (outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException(
          "resize target must be at least 1x1, got " + outHeight + "x" + outWidth);
    }
  }

  /** The interpolation indices and weights along one axis. */
  private record Axis(int[] lower, int[] upper, float[] lerp) {
    static Axis of(int inSize, int outSize) {
      float scale = (float) inSize / (float) outSize;
      int[] lower = new int[outSize];
      int[] upper = new int[outSize];
      float[] lerp = new float[outSize];
      for (int i = 0; i < outSize; i++) {
        float in = ((float) i + 0.5f) * scale - 0.5f;
        float inFloor = (float) Math.floor(in);
        lower[i] = Math.max((int) inFloor, 0);
        upper[i] = Math.min((int) Math.ceil(in), inSize - 1);
        lerp[i] = in - inFloor;
      }
      return new Axis(lower, upper, lerp);
    }
  }
}
