package org.afterkernel.kernel;

import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;

/**
 * The mean of the finite NTKs (or conjugate kernels) of M independently initialized networks of
 * one description: the ensemble estimate of the infinite-width kernel (Jacot et al.; the
 * convolutional-NTK thesis's method for NTK_inf). It estimates that kernel; it does not compute
 * it: each member is a finite network, and the mean converges as M and the width grow. Members are
 * computed one at a time and summed into one pair of matrices, so memory stays that of one Gram
 * (plus one member's).
 */
public final class EnsembleKernel {
  private EnsembleKernel() {}

  /**
   * K(a, a) and, when {@code b} is not null, K(b, a), averaged over the networks of {@code spec}
   * seeded {@code seed}, ..., {@code seed + members - 1}.
   */
  public static Kernel.Matrices average(NetworkSpec spec, long seed, int members, FeatureKind kind, Images a,
      Images b, long memoryBudget, Progress progress) {
    if (members < 1) {
      throw new IllegalArgumentException("ensemble of " + members + " networks, expected at least 1");
    }
    float[] gram = null;
    float[] cross = null;
    for (int m = 0; m < members; m++) {
      try (Model net = Model.create(spec, seed + m)) {
        Kernel.Matrices k = Kernel.of(FeatureMap.of(net, kind, Implementation.STRUCTURED))
            .withMemoryBudget(memoryBudget).compute(a, b, Progress.silent());
        gram = add(gram, k.gram());
        cross = b == null ? null : add(cross, k.cross());
      }
      progress.step(1);
    }
    scale(gram, 1.0 / members);
    if (cross != null) {
      scale(cross, 1.0 / members);
    }
    return new Kernel.Matrices(new DenseMatrix(a.count(), a.count(), gram),
        b == null ? null : new DenseMatrix(b.count(), a.count(), cross));
  }

  private static float[] add(float[] sum, DenseMatrix k) {
    if (sum == null) {
      return k.data();
    }
    float[] v = k.data();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += v[i];
    }
    return sum;
  }

  private static void scale(float[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * s);
    }
  }
}
