package org.afterkernel.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.IntStream;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.Images;
import org.afterkernel.data.RawSplit;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.nn.OutputHead;
import org.junit.jupiter.api.Test;

/**
 * The genuine Keras files of ../shared/savedmodels (README there): each imports with the parameter
 * count of its architecture (counted by hand below), agrees with the independent float64 forward
 * pass of its layers to 1e-5 of max(1, max |output|) on 300 test images, passes the gradient check,
 * and classifies the test images as a trained classifier does (a misread weight would put it near
 * chance).
 */
class GenuineKerasFilesTest {
  static final Path MOONFLOWER = SharedFiles.SAVEDMODELS.resolve("keras3_mnist_convnet_moonflower");
  static final Path KERAS3_KERAS = MOONFLOWER.resolve("mnist_model.keras");
  static final Path KERAS3_H5 = MOONFLOWER.resolve("mnist_model.h5");
  static final Path TFKERAS214_BN = SharedFiles.SAVEDMODELS.resolve("tfkeras214_cifar10_bn_mlops/cifar10.keras");
  static final Path KERAS2_H5 = SharedFiles.SAVEDMODELS.resolve("keras2_cifar10_h5_emmanuelgendy/cifar10_model.h5");

  /** Conv2D(32, 3x3) on 1 channel, Conv2D(64, 3x3), Dense(1600 -> 10). */
  static final long MNIST_CONVNET = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (1600 * 10 + 10);
  /** Conv2D(32) on 3 channels, BN(32), Conv2D(32), BN(32), Dense(16*16*32 -> 32), BN(32), Dense(10). */
  static final long CIFAR_BN = (27 * 32 + 32) + 64 + (9 * 32 * 32 + 32) + 64 + (8192 * 32 + 32) + 64 + (32 * 10 + 10);
  /** The TensorFlow CNN tutorial: Conv2D(32), Conv2D(64), Conv2D(64), Dense(1024 -> 64), Dense(10). */
  static final long CIFAR_TUTORIAL = (27 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 64 + 64) + (1024 * 64 + 64)
      + (64 * 10 + 10);

  private static void check(Path file, ModelFormat format, Dataset d, long params, double minAccuracy) {
    RawSplit raw = Datasets.read(TestData.sharedDataDir(), d, Split.TEST);
    Images x = raw.images().slice(0, 300);
    int[] labels = IntStream.range(0, 300).map(raw::label).toArray();
    try (ImportedModel m = KerasImporter.load(file, ImportOptions.defaults().withHead(OutputHead.index(3)))) {
      assertEquals(format, m.format());
      assertEquals(params, m.model().parameterCount(), "parameter count of " + file);
      ImportCheck.Forward f = ReferenceCheck.forward(m, x);
      System.out.printf("%s forward vs float64 reference: %d x %d, max |diff| %.3g (max |output| %.3g)%n",
          file.getFileName(), f.images(), f.width(), f.maxAbsDiff(), f.maxAbsOutput());
      assertTrue(ReferenceCheck.passes(f), f.toString());
      assertTrue(f.maxAbsOutput() > 0.5, "outputs are not all zero: " + f);
      ClassifierAccuracy a = ClassifierAccuracy.of(m.model().evaluate(x, m.output(), 10), 10, labels);
      System.out.printf("%s accuracy %.3f, among the classes present %.3f (chance %.3f)%n", file.getFileName(),
          a.accuracy(), a.presentAccuracy(), a.chance());
      assertTrue(a.presentAccuracy() >= minAccuracy, a.toString());
      assertFalse(a.nearChance(), a.toString());
      ImportCheck.Gradient g = ImportCheck.gradients(m, x.slice(0, 3), 6, 7);
      System.out.printf("%s gradients: %s%n", file.getFileName(), g);
      assertTrue(g.passes(), g.toString());
      assertTrue(g.sampled() >= 100, "enough finite differences: " + g);
    }
  }

  @Test
  void keras3KerasArchive() {
    check(KERAS3_KERAS, ModelFormat.KERAS_ARCHIVE, Dataset.MNIST, MNIST_CONVNET, 0.97);
  }

  @Test
  void keras3LegacyH5() {
    check(KERAS3_H5, ModelFormat.LEGACY_H5, Dataset.MNIST, MNIST_CONVNET, 0.97);
  }

  /** Trained for one epoch (its author's train.py): cats and dogs are told apart, not well. */
  @Test
  void tfKeras214KerasArchiveWithBatchNormalization() {
    check(TFKERAS214_BN, ModelFormat.KERAS_ARCHIVE, Dataset.CIFAR10, CIFAR_BN, 0.6);
  }

  @Test
  void keras2LegacyH5() {
    check(KERAS2_H5, ModelFormat.LEGACY_H5, Dataset.CIFAR10, CIFAR_TUTORIAL, 0.65);
  }
}
