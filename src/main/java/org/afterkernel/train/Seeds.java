package org.afterkernel.train;

import java.nio.charset.StandardCharsets;

/**
 * Independent random streams derived from one seed: {@code derive(seed, "shuffle", epoch)} names
 * the generator of one purpose and index, so that each epoch's shuffle and augmentation depend on
 * (seed, epoch) only and not on what ran before.
 */
public final class Seeds {
  private Seeds() {}

  /** A 64-bit seed for {@code purpose} number {@code index}, mixed from {@code seed}. */
  public static long derive(long seed, String purpose, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    return mix(h ^ mix(index + 0x632BE59BD9B4E019L));
  }

  /** SplitMix64's finaliser: a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
