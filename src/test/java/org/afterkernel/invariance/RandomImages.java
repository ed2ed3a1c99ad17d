package org.afterkernel.invariance;

import java.util.Random;
import org.afterkernel.data.Images;

/** Seeded random test images with pixels uniform in [0, 1). */
final class RandomImages {
  private RandomImages() {}

  static Images of(long seed, int count, int height, int width, int channels) {
    Random rnd = new Random(seed);
    float[] p = new float[count * height * width * channels];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextFloat();
    }
    return new Images(count, height, width, channels, p);
  }
}
