package org.afterkernel.data;

import java.util.Arrays;

/**
 * A batch of images in NHWC order (example, row, column, channel) as float32, the layout
 * TensorFlow's image and convolution ops use.
 *
 * @param count number of images
 * @param height rows per image
 * @param width columns per image
 * @param channels channels per pixel (1 for MNIST, 3 for CIFAR-10)
 * @param pixels {@code count * height * width * channels} values, image after image
 */
public record Images(int count, int height, int width, int channels, float[] pixels) {

  public Images {
    if (count < 0 || height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "bad image shape (" + count + ", " + height + ", " + width + ", " + channels + ")");
    }
    long need = (long) count * height * width * channels;
    if (pixels.length != need) {
      throw new IllegalArgumentException(
          "shape (" + count + ", " + height + ", " + width + ", " + channels + ") needs " + need
              + " pixels, got " + pixels.length);
    }
  }

  /** Values per image ({@code height * width * channels}). */
  public int imageSize() {
    return height * width * channels;
  }

  /** The shape as {@code [count, height, width, channels]}. */
  public long[] shape() {
    return new long[] {count, height, width, channels};
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Images slice(int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + count + " images");
    }
    int s = imageSize();
    return new Images(
        to - from, height, width, channels, Arrays.copyOfRange(pixels, from * s, to * s));
  }

  /** The images at the given indices, in that order, copied. */
  public Images select(int[] indices) {
    int s = imageSize();
    float[] out = new float[indices.length * s];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * s, out, i * s, s);
    }
    return new Images(indices.length, height, width, channels, out);
  }

  /** Pixel value of image {@code n} at row {@code y}, column {@code x}, channel {@code c}. */
  public float get(int n, int y, int x, int c) {
    return pixels[((n * height + y) * width + x) * channels + c];
  }
}
