package org.afterkernel.nn;

import java.util.SplittableRandom;

/** Draws the initial values of a variable, in Java, from a seeded generator. */
public interface Initializer {
  /** Values for a variable of {@code shape} (C order). */
  float[] sample(long[] shape, SplittableRandom random);

  /** Keras's {@code zeros}. */
  Initializer ZEROS = (shape, random) -> new float[Math.toIntExact(Fans.size(shape))];

  /** Keras's {@code ones} (batch normalisation's gamma). */
  Initializer ONES = (shape, random) -> {
    float[] v = new float[Math.toIntExact(Fans.size(shape))];
    java.util.Arrays.fill(v, 1f);
    return v;
  };
}
