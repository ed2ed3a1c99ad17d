package org.afterkernel.tf;

import java.util.Arrays;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's own float32 MatMul rate on this machine: the yardstick that benchmarks print their
 * achieved GFLOP/s beside. Measured in the same run as the benchmark, with the same thread
 * settings, on square matrices large enough to be compute-bound.
 */
public final class MatMulRate {
  private MatMulRate() {}

  /** A measured rate: the median and best of the timed repetitions. */
  public record Rate(int size, int repetitions, double medianGflops, double bestGflops) {}

  /**
   * Measures {@code size x size} times {@code size x size} products for about {@code seconds}
   * seconds after one warm-up run. One product counts {@code 2 size^3} floating-point operations.
   */
  public static Rate measure(int size, double seconds) {
    try (Graph g = new Graph();
        Session s = TensorFlowRuntime.session(g);
        TFloat32 a = random(size, 1);
        TFloat32 b = random(size, 2)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> pa = tf.placeholder(TFloat32.class);
      Placeholder<TFloat32> pb = tf.placeholder(TFloat32.class);
      var product = tf.reduceSum(tf.linalg.matMul(pa, pb), tf.constant(new int[] {0, 1}));
      double flops = 2.0 * size * size * size;
      run(s, pa, pb, a, b, product); // warm-up
      double[] rates = new double[1000];
      int reps = 0;
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      do {
        long t0 = System.nanoTime();
        run(s, pa, pb, a, b, product);
        rates[reps++] = flops / ((System.nanoTime() - t0) / 1e9) / 1e9;
      } while (System.nanoTime() < deadline && reps < rates.length);
      double[] r = Arrays.copyOf(rates, reps);
      Arrays.sort(r);
      return new Rate(size, reps, r[reps / 2], r[reps - 1]);
    }
  }

  private static void run(
      Session s,
      Placeholder<TFloat32> pa,
      Placeholder<TFloat32> pb,
      TFloat32 a,
      TFloat32 b,
      org.tensorflow.Operand<TFloat32> out) {
    try (Result r = s.runner().feed(pa, a).feed(pb, b).fetch(out).run()) {
      r.get(0);
    }
  }

  private static TFloat32 random(int size, long seed) {
    Random rnd = new Random(seed);
    float[] v = new float[size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextFloat() - 0.5f;
    }
    return Tensors.floats(new long[] {size, size}, v);
  }
}
