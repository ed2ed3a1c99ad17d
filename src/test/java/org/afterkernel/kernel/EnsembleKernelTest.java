package org.afterkernel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

/** The ensemble kernel is the mean of its members' kernels, each from one-example backpropagation here. */
class EnsembleKernelTest {
  @Test
  void theMeanOfTheMembersReferenceKernels() {
    NetworkSpec spec = NetworkSpec.preset("mlp", 4, 4, 1).withSettings(List.of(7, 5), null, null, null);
    Random r = new Random(1);
    float[] pa = new float[6 * 16];
    float[] pb = new float[4 * 16];
    for (int i = 0; i < pa.length; i++) {
      pa[i] = r.nextFloat();
    }
    for (int i = 0; i < pb.length; i++) {
      pb[i] = r.nextFloat();
    }
    Images a = new Images(6, 4, 4, 1, pa);
    Images b = new Images(4, 4, 4, 1, pb);
    Kernel.Matrices m = EnsembleKernel.average(spec, 10, 3, FeatureKind.NTK, a, b, 1L << 30, Progress.silent());
    double[] gram = new double[36];
    double[] cross = new double[24];
    for (int s = 10; s < 13; s++) {
      try (Model net = Model.create(spec, s)) {
        FeatureMap ref = FeatureMap.of(net, FeatureKind.NTK, Implementation.REFERENCE);
        DenseMatrix fa = ref.features(a);
        DenseMatrix fb = ref.features(b);
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 6; j++) {
            gram[i * 6 + j] += dot(fa, i, fa, j) / 3;
          }
        }
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 6; j++) {
            cross[i * 6 + j] += dot(fb, i, fa, j) / 3;
          }
        }
      }
    }
    for (int i = 0; i < 36; i++) {
      assertEquals(gram[i], m.gram().data()[i], 1e-5 * Math.abs(gram[i]) + 1e-6, "gram " + i);
    }
    for (int i = 0; i < 24; i++) {
      assertEquals(cross[i], m.cross().data()[i], 1e-5 * Math.abs(cross[i]) + 1e-6, "cross " + i);
    }
    assertThrows(IllegalArgumentException.class,
        () -> EnsembleKernel.average(spec, 1, 0, FeatureKind.NTK, a, null, 1L << 30, Progress.silent()));
  }

  private static double dot(DenseMatrix x, int i, DenseMatrix y, int j) {
    double s = 0;
    for (int q = 0; q < x.cols(); q++) {
      s += (double) x.get(i, q) * y.get(j, q);
    }
    return s;
  }
}
