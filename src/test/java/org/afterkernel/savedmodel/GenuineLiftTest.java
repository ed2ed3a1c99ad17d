package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.Images;
import org.afterkernel.nn.Activation;
import org.afterkernel.nn.OutputHead;
import org.junit.jupiter.api.Test;

/**
 * Genuine SavedModels imported from their serving function's ops ({@link FunctionDefLifter}): the
 * Keras 3 {@code model.export()} of ../shared (no Keras configs: the only way it imports), and the
 * three Keras 2 models, lifted while ignoring their configs. Expected architectures and parameter
 * counts are those the shared README gives; the ground truth of the forward pass is each model's
 * own serving signature.
 */
class GenuineLiftTest {
  static final Path EXPORT = SharedFiles.SAVEDMODELS.resolve("keras3_export_mnist_mlp_kalined");

  private static void check(ImportedModel m, Images x, long params, Activation removed, List<String> classes,
      boolean gradients) {
    assertEquals(params, m.model().parameterCount(), "parameter count of " + m.description());
    assertEquals(removed, m.removedActivation());
    assertEquals(classes, m.model().network().layers().stream().map(l -> l.getClass().getSimpleName())
        .filter(c -> !c.equals("Reshape") || classes.contains("Reshape")).toList());
    ImportCheck.Forward f = ImportCheck.forward(m, x);
    System.out.printf("%s forward: %d x %d, max |diff| %.3g (max |output| %.3g)%n", m.files().dir().getFileName(),
        f.images(), f.width(), f.maxAbsDiff(), f.maxAbsOutput());
    assertTrue(f.maxAbsDiff() <= 1e-5, "max abs difference " + f.maxAbsDiff());
    assertTrue(f.maxAbsOutput() > 0.5, "outputs of scale " + f.maxAbsOutput());
    if (gradients) {
      ImportCheck.Gradient g = ImportCheck.gradients(m, x.slice(0, 3), 6, 7);
      System.out.printf("%s gradients: %s%n", m.files().dir().getFileName(), g);
      assertTrue(g.passes(), g.toString());
      assertTrue(g.sampled() >= 60, "enough finite differences: " + g);
    }
  }

  private static ImportOptions head(int k) {
    return ImportOptions.defaults().withHead(OutputHead.index(k));
  }

  @Test
  void keras3ExportWithoutConfigsImportsFromItsServingFunction() {
    ImportOptions options = ImportOptions.defaults().withHead(OutputHead.difference(8, 3));
    try (ImportedModel m = KerasImporter.load(EXPORT, options)) {
      assertTrue(m.description().contains("lifted from the serving function"), m.description());
      // Flatten, Dense(128, relu), Dense(10, softmax); the (28, 28) input reshaped from the images in front
      check(m, SharedFiles.mnist(1000), 784 * 128 + 128 + 128 * 10 + 10, Activation.SOFTMAX,
          List.of("Flatten", "Dense", "Dense"), true);
      assertEquals("Dense(units=128, relu)", m.model().network().layers().get(2).describe());
    }
  }

  @Test
  void keras2MnistCnnLiftedFromItsGraph() {
    try (ImportedModel m = KerasImporter.lift(SharedFiles.MNIST_CNN, head(3))) {
      check(m, SharedFiles.mnist(300), 113_386, Activation.SOFTMAX,
          List.of("Conv2D", "Pooling2D", "Conv2D", "Pooling2D", "Flatten", "Dense", "Dense"), true);
    }
  }

  @Test
  void keras2MnistMlpLiftedFromItsGraph() {
    try (ImportedModel m = KerasImporter.lift(SharedFiles.MNIST_MLP, head(7))) {
      check(m, SharedFiles.mnist(300), 89_610, Activation.SOFTMAX, List.of("Flatten", "Dense", "Dense", "Dense"),
          false);
    }
  }

  @Test
  void keras2CifarCnnWithLogitsLiftedFromItsGraph() {
    try (ImportedModel m = KerasImporter.lift(SharedFiles.CIFAR_CNN, head(5))) {
      check(m, SharedFiles.cifar(300), 122_570, Activation.LINEAR,
          List.of("Conv2D", "Pooling2D", "Conv2D", "Pooling2D", "Conv2D", "Flatten", "Dense", "Dense"), false);
    }
  }
}
