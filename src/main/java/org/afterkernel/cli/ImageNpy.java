package org.afterkernel.cli;

import java.nio.file.Path;
import org.afterkernel.AkException;
import org.afterkernel.data.Images;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import org.afterkernel.io.NpyType;

/**
 * Image batches in {@code .npy} files for the command line: NHWC float32 {@code (N, H, W, C)}, or
 * {@code (N, H, W)} taken as one channel; float64 is accepted and converted to float32.
 */
final class ImageNpy {
  private ImageNpy() {}

  /**
   * Images read from a file, and the file's own shape (so the output can keep the input's rank).
   */
  record Loaded(Images images, long[] fileShape) {}

  /**
   * Reads and checks an image batch.
   *
   * @throws AkException naming the file when it is not a rank-3 or rank-4 floating-point array with
   *     non-empty images, or holds a NaN or infinite pixel
   */
  static Loaded read(Path file) {
    Npy.Header header = Npy.readHeader(file);
    long[] shape = header.shape();
    if (!header.dtype().isFloating()) {
      throw new AkException(
          file
              + ": expected float32 (or float64) pixels, got "
              + header.dtype().descr()
              + " (convert integer images first, e.g. divide by 255)");
    }
    if (shape.length != 3 && shape.length != 4) {
      throw new AkException(
          file
              + ": expected images of shape (N, H, W, C) or (N, H, W), got shape "
              + NpyType.shapeString(shape));
    }
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] < 1) {
        throw new AkException(
            file + ": expected non-empty images, got shape " + NpyType.shapeString(shape));
      }
    }
    NpyArray array = Npy.read(file);
    float[] pixels = array.asFloats();
    int channels = shape.length == 4 ? (int) shape[3] : 1;
    Images images = new Images((int) shape[0], (int) shape[1], (int) shape[2], channels, pixels);
    checkFinite(file, images);
    return new Loaded(images, shape);
  }

  private static void checkFinite(Path file, Images images) {
    float[] p = images.pixels();
    for (int i = 0; i < p.length; i++) {
      if (!Float.isFinite(p[i])) {
        int c = i % images.channels();
        int x = i / images.channels() % images.width();
        int y = i / images.channels() / images.width() % images.height();
        int n = i / images.imageSize();
        throw new AkException(
            String.format(
                "%s: pixel (image %d, row %d, column %d, channel %d) is %s; expected finite values",
                file, n, y, x, c, p[i]));
      }
    }
  }

  /** Writes images atomically as float32 with the given file shape ({@code (N, H, W[, C])}). */
  static void write(Path file, long[] fileShape, Images images) {
    Npy.writeFloats(file, fileShape, images.pixels());
  }
}
