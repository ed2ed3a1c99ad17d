package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.afterkernel.data.Images;
import org.afterkernel.io.Progress;
import org.afterkernel.kernel.FeatureKind;
import org.afterkernel.kernel.FeatureMap;
import org.afterkernel.kernel.Implementation;
import org.afterkernel.kernel.Kernel;
import org.afterkernel.linear.DenseMatrix;
import org.afterkernel.nn.OutputHead;
import org.junit.jupiter.api.Test;

/**
 * On the three genuine Keras SavedModels, the structured kernel (Dense layers as factors) equals the
 * materialized one (every per-example gradient written out) to 1e-5 of sqrt(K_uu K_vv): Gram and
 * cross kernel.
 */
class GenuineStructuredKernelTest {
  private static void check(Path dir, Images x, OutputHead head) {
    Images a = x.slice(0, 40);
    Images b = x.slice(40, 60);
    try (ImportedModel m = KerasImporter.load(dir, ImportOptions.defaults().withHead(head))) {
      Kernel.Matrices s = Kernel.of(FeatureMap.of(m.model(), FeatureKind.NTK, Implementation.STRUCTURED))
          .compute(a, b, Progress.silent());
      Kernel.Matrices r = Kernel.of(FeatureMap.of(m.model(), FeatureKind.NTK, Implementation.BATCHED))
          .compute(a, b, Progress.silent());
      assertTrue(FeatureMap.of(m.model(), FeatureKind.NTK, Implementation.STRUCTURED).layout().width()
          < m.model().parameterCount(), "the structured rows are narrower: the Dense layers are factored");
      DenseMatrix rb = Kernel.of(FeatureMap.of(m.model(), FeatureKind.NTK, Implementation.BATCHED)).gram(b, Progress.silent());
      for (int i = 0; i < 40; i++) {
        for (int j = 0; j < 40; j++) {
          double scale = Math.sqrt(r.gram().get(i, i) * (double) r.gram().get(j, j));
          assertEquals(r.gram().get(i, j), s.gram().get(i, j), 1e-5 * scale, dir.getFileName() + " K[" + i + "," + j + "]");
        }
      }
      for (int i = 0; i < 20; i++) {
        for (int j = 0; j < 40; j++) {
          double scale = Math.sqrt(rb.get(i, i) * (double) r.gram().get(j, j));
          assertEquals(r.cross().get(i, j), s.cross().get(i, j), 1e-5 * scale, dir.getFileName() + " C[" + i + "," + j + "]");
        }
      }
    }
  }

  @Test
  void mnistCnn() {
    check(SharedFiles.MNIST_CNN, SharedFiles.mnist(60), OutputHead.index(3));
  }

  @Test
  void mnistMlp() {
    check(SharedFiles.MNIST_MLP, SharedFiles.mnist(60), OutputHead.difference(8, 3));
  }

  @Test
  void cifarCnn() {
    check(SharedFiles.CIFAR_CNN, SharedFiles.cifar(60), OutputHead.index(5));
  }
}
