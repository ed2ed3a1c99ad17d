package org.afterkernel.linear;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The rate at which this machine streams a float array from memory into Java loops on all cores:
 * the floor of any product that reads a matrix far larger than the caches once (a dual SVM
 * iteration reads the Gram's upper triangle once). Measured as a parallel sum with several
 * accumulators over {@code bytes} of floats, in as many chunks as {@link SymmetricMatVec} uses.
 */
public final class MemoryBandwidth {
  private static final int CHUNKS = 8;

  private MemoryBandwidth() {}

  /**
   * @param gigabytesPerSecond the median rate over the repetitions
   * @param best the best repetition's rate
   * @param bytes bytes read per repetition
   * @param repetitions repetitions timed
   */
  public record Rate(double gigabytesPerSecond, double best, long bytes, int repetitions) {}

  /** Sums {@code bytes} of floats repeatedly for about {@code seconds} (at least 3 times). */
  public static Rate measure(long bytes, double seconds) {
    float[] a = new float[Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, bytes / 4))];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i & 1023) * 1e-3f;
    }
    sum(a); // warm-up: compilation
    double[] rates = new double[64];
    int reps = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    double sink = 0;
    while (reps < rates.length && (reps < 3 || System.nanoTime() < end)) {
      long t0 = System.nanoTime();
      sink += sum(a);
      rates[reps++] = 4.0 * a.length / ((System.nanoTime() - t0) / 1e9) / 1e9;
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("unreachable: a sum of finite floats");
    }
    double[] r = Arrays.copyOf(rates, reps);
    Arrays.sort(r);
    return new Rate(r[reps / 2], r[reps - 1], 4L * a.length, reps);
  }

  private static double sum(float[] a) {
    int chunk = (a.length + CHUNKS - 1) / CHUNKS;
    return IntStream.range(0, CHUNKS).parallel().mapToDouble(c -> {
      int from = c * chunk;
      int to = Math.min(a.length, from + chunk);
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = from;
      for (; i + 3 < to; i += 4) {
        s0 += a[i];
        s1 += a[i + 1];
        s2 += a[i + 2];
        s3 += a[i + 3];
      }
      for (; i < to; i++) {
        s0 += a[i];
      }
      return (s0 + s1) + (s2 + s3);
    }).sum();
  }
}
