package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.OutputHead;
import org.junit.jupiter.api.Test;

/**
 * The three genuine Keras SavedModels of ../shared: the imported graph reproduces the model's own
 * serving signature on real images to 1e-5, and its per-example gradients agree with one-example
 * backpropagation and with central finite differences.
 */
class GenuineModelsTest {
  private static void check(Path dir, Images x, OutputHead head, Activation removed, long params) {
    try (ImportedModel m = KerasImporter.load(dir, ImportOptions.defaults().withHead(head))) {
      assertEquals(params, m.model().parameterCount(), "parameter count of " + dir);
      assertEquals(removed, m.removedActivation());
      ImportCheck.Forward f = ImportCheck.forward(m, x);
      System.out.printf("%s forward: %d x %d, max |diff| %.3g (max |output| %.3g)%n",
          dir.getFileName(), f.images(), f.width(), f.maxAbsDiff(), f.maxAbsOutput());
      assertTrue(f.maxAbsDiff() <= 1e-5, "max abs difference " + f.maxAbsDiff());
      ImportCheck.Gradient g = ImportCheck.gradients(m, x.slice(0, 3), 6, 7);
      System.out.printf("%s gradients: %s%n", dir.getFileName(), g);
      assertTrue(g.passes(), g.toString());
      assertTrue(g.sampled() >= 100, "enough finite differences: " + g);
    }
  }

  @Test
  void mnistCnnWithKerasMetadata() {
    check(SharedFiles.MNIST_CNN, SharedFiles.mnist(300), OutputHead.index(3), Activation.SOFTMAX, 113_386);
  }

  @Test
  void mnistMlpWithKerasMetadata() {
    check(SharedFiles.MNIST_MLP, SharedFiles.mnist(300), OutputHead.difference(8, 3), Activation.SOFTMAX, 89_610);
  }

  @Test
  void cifarCnnWithLegacyMetadataOnly() {
    check(SharedFiles.CIFAR_CNN, SharedFiles.cifar(300), OutputHead.index(5), Activation.LINEAR, 122_570);
  }
}
