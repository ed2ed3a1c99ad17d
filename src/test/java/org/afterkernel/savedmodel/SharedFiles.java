package org.afterkernel.savedmodel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.afterkernel.data.Images;

/**
 * The read-only test inputs beside the project ({@code ../shared}): the three genuine Keras
 * SavedModels and the first test images of MNIST and CIFAR-10, read with a minimal reader of the
 * original file formats (pixels / 255, as the study does).
 */
final class SharedFiles {
  static final Path SHARED = Path.of("..", "shared");
  static final Path MNIST_CNN = SHARED.resolve("savedmodels/keras_mnist_cnn_th368");
  static final Path MNIST_MLP = SHARED.resolve("savedmodels/keras_mnist_mlp_vignesh");
  static final Path CIFAR_CNN = SHARED.resolve("savedmodels/keras_cifar10_cnn_logits_lao");

  private SharedFiles() {}

  /** The first {@code n} MNIST test images, 28x28x1. */
  static Images mnist(int n) throws IOException {
    try (InputStream raw = Files.newInputStream(SHARED.resolve("data/mnist/t10k-images-idx3-ubyte.gz"));
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      if (in.readInt() != 0x803) {
        throw new IOException("not an IDX image file");
      }
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      n = Math.min(n, count);
      byte[] bytes = new byte[n * rows * cols];
      in.readFully(bytes);
      float[] px = new float[bytes.length];
      for (int i = 0; i < px.length; i++) {
        px[i] = (bytes[i] & 0xff) / 255f;
      }
      return new Images(n, rows, cols, 1, px);
    }
  }

  /** The first {@code n} CIFAR-10 cat/dog test images, 32x32x3 (records are label, R, G, B planes). */
  static Images cifar(int n) throws IOException {
    byte[] all = Files.readAllBytes(SHARED.resolve("data/cifar10/test_batch_catdog.bin"));
    int record = 1 + 3 * 1024;
    n = Math.min(n, all.length / record);
    float[] px = new float[n * 3072];
    for (int e = 0; e < n; e++) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 1024; i++) {
          px[e * 3072 + i * 3 + c] = (all[e * record + 1 + c * 1024 + i] & 0xff) / 255f;
        }
      }
    }
    return new Images(n, 32, 32, 3, px);
  }
}
