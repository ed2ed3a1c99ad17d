package org.afterkernel.savedmodel;

import java.nio.file.Path;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;

/**
 * The read-only test inputs beside the project ({@code ../shared}): the three genuine Keras
 * SavedModels, and the first test images of MNIST and CIFAR-10 (all classes, file order).
 */
final class SharedFiles {
  static final Path SAVEDMODELS = Path.of("..", "shared", "savedmodels");
  static final Path MNIST_CNN = SAVEDMODELS.resolve("keras_mnist_cnn_th368");
  static final Path MNIST_MLP = SAVEDMODELS.resolve("keras_mnist_mlp_vignesh");
  static final Path CIFAR_CNN = SAVEDMODELS.resolve("keras_cifar10_cnn_logits_lao");

  private SharedFiles() {}

  /** The first {@code n} MNIST test images, 28x28x1, pixels / 255. */
  static Images mnist(int n) {
    return first(Dataset.MNIST, n);
  }

  /** The first {@code n} CIFAR-10 test images present (cats and dogs here), 32x32x3, pixels / 255. */
  static Images cifar(int n) {
    return first(Dataset.CIFAR10, n);
  }

  private static Images first(Dataset d, int n) {
    Images all = Datasets.read(TestData.sharedDataDir(), d, Split.TEST).images();
    return all.slice(0, Math.min(n, all.count()));
  }
}
