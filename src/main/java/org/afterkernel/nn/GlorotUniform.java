package org.afterkernel.nn;

import java.util.SplittableRandom;

/**
 * Keras's {@code glorot_uniform}: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), fans as in
 * {@link Fans}. Keras's default kernel initialiser.
 */
public final class GlorotUniform implements Initializer {
  /** The shared instance (the initialiser has no state). */
  public static final GlorotUniform INSTANCE = new GlorotUniform();

  private GlorotUniform() {}

  /** The half-width l of the uniform range for {@code shape}. */
  public static double limit(long[] shape) {
    Fans f = Fans.of(shape);
    return Math.sqrt(6.0 / (f.in() + f.out()));
  }

  @Override
  public float[] sample(long[] shape, SplittableRandom random) {
    double limit = limit(shape);
    float[] v = new float[Math.toIntExact(Fans.size(shape))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((2 * random.nextDouble() - 1) * limit);
    }
    return v;
  }
}
