package org.afterkernel.cli;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.afterkernel.data.Images;
import org.afterkernel.io.AtomicFiles;

/**
 * PNG files showing an image and its perturbed copy side by side, for a person to look at: each
 * pixel becomes a {@code scale x scale} square (nearest neighbour), a mid-grey gap separates the
 * pair, one channel is drawn as grey levels and three as RGB. Values are mapped linearly from
 * {@code [lo, hi]} to 0..255, the same range for both halves so that they compare.
 */
final class SideBySidePng {
  private static final int GAP_GREY = 128;

  private final int scale;
  private final float lo;
  private final float hi;

  /**
   * @param scale output pixels per image pixel along each axis
   * @param lo the value drawn black
   * @param hi the value drawn white (or full colour), greater than {@code lo}
   */
  SideBySidePng(int scale, float lo, float hi) {
    this.scale = scale;
    this.lo = lo;
    this.hi = hi;
  }

  /** True when {@code channels} can be drawn (1 or 3). */
  static boolean drawable(int channels) {
    return channels == 1 || channels == 3;
  }

  /** The display range covering the data: {@code [min(0, min), max(1, max)]}. */
  static float[] range(Images a, Images b) {
    float lo = 0;
    float hi = 1;
    for (Images im : new Images[] {a, b}) {
      for (float v : im.pixels()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return new float[] {lo, hi};
  }

  /** The gap between the two halves, in output pixels. */
  int gap() {
    return Math.max(4, 2 * scale);
  }

  /** Draws image {@code n} of {@code original} left and of {@code perturbed} right. */
  BufferedImage render(Images original, Images perturbed, int n) {
    int h = original.height() * scale;
    int w = original.width() * scale;
    boolean grey = original.channels() == 1;
    BufferedImage img =
        new BufferedImage(
            2 * w + gap(), h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    // Samples are written to the raster directly: setRGB on a grey image would pass through a
    // colour-space conversion and change the levels.
    WritableRaster raster = img.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = w; x < w + gap(); x++) {
        for (int b = 0; b < raster.getNumBands(); b++) {
          raster.setSample(x, y, b, GAP_GREY);
        }
      }
    }
    draw(raster, original, n, 0);
    draw(raster, perturbed, n, w + gap());
    return img;
  }

  private void draw(WritableRaster raster, Images images, int n, int left) {
    for (int y = 0; y < images.height() * scale; y++) {
      for (int x = 0; x < images.width() * scale; x++) {
        for (int c = 0; c < images.channels(); c++) {
          raster.setSample(left + x, y, c, level(images.get(n, y / scale, x / scale, c)));
        }
      }
    }
  }

  private int level(float v) {
    int l = Math.round((v - lo) / (hi - lo) * 255f);
    return Math.max(0, Math.min(255, l));
  }

  /** Renders pair {@code n} and writes it to {@code file} atomically. */
  void write(Path file, Images original, Images perturbed, int n) {
    BufferedImage img = render(original, perturbed, n);
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer available");
          }
        });
  }
}
