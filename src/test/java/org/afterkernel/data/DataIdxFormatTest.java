package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on small files written from the format's definition, good and bad. */
class DataIdxFormatTest {
  private static final int[] TRAIN_LABELS = {3, 8, 5, 3, 8, 1};
  private static final int[] TEST_LABELS = {8, 3, 3};

  @TempDir Path dir;

  private Path mnist() {
    return dir.resolve("mnist");
  }

  /** A complete small MNIST directory: gzipped train files, uncompressed test files. */
  private void writeSmallMnist() {
    TestData.write(mnist(), "train-images-idx3-ubyte.gz", TestData.gzip(TestData.idxImages(6, 28, 28)));
    TestData.write(mnist(), "train-labels-idx1-ubyte.gz", TestData.gzip(TestData.idxLabels(TRAIN_LABELS)));
    TestData.write(mnist(), "t10k-images-idx3-ubyte", TestData.idxImages(3, 28, 28));
    TestData.write(mnist(), "t10k-labels-idx1-ubyte", TestData.idxLabels(TEST_LABELS));
  }

  @Test
  void readsGzippedAndPlainFilesPixelByPixel() {
    writeSmallMnist();
    for (Split split : Split.values()) {
      RawSplit s = Datasets.read(dir, Dataset.MNIST, split);
      int[] labels = split == Split.TRAIN ? TRAIN_LABELS : TEST_LABELS;
      assertEquals(labels.length, s.count());
      Images im = s.images();
      for (int n = 0; n < s.count(); n++) {
        assertEquals(labels[n], s.label(n));
        for (int y = 0; y < 28; y++) {
          for (int x = 0; x < 28; x++) {
            assertEquals(TestData.pixel(n, y, x, 0) / 255f, im.get(n, y, x, 0), "image " + n);
          }
        }
      }
    }
  }

  @Test
  void binaryTaskKeepsFileOrderAndMapsMinusToZero() {
    writeSmallMnist();
    // plus = 3, minus = 8: labels 3, 8, 5, 3, 8, 1 give examples 0, 1, 3, 4 labelled 1, 0, 1, 0.
    LabeledImages t = Datasets.read(dir, Dataset.MNIST, Split.TRAIN).binary(new ClassPair(8, 3), 0);
    assertArrayEquals(new int[] {1, 0, 1, 0}, t.labels());
    int[] source = {0, 1, 3, 4};
    for (int k = 0; k < source.length; k++) {
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          assertEquals(TestData.pixel(source[k], y, x, 0) / 255f, t.images().get(k, y, x, 0));
        }
      }
    }
    assertArrayEquals(new int[] {1, 0, 1}, Datasets.read(dir, Dataset.MNIST, Split.TRAIN)
        .binary(new ClassPair(8, 3), 3).labels());
  }

  @Test
  void aClassWithoutExamplesIsNamedWithTheFiles() {
    writeSmallMnist();
    RawSplit test = Datasets.read(dir, Dataset.MNIST, Split.TEST);
    AkException e = assertThrows(AkException.class, () -> test.binary(new ClassPair(3, 5), 0));
    assertTrue(e.getMessage().contains("class 5 has no examples"), e.getMessage());
    assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    assertThrows(AkException.class, () -> test.binary(new ClassPair(3, 8), -1));
  }

  @Test
  void truncatedGzip() {
    byte[] gz = TestData.gzip(TestData.idxImages(6, 28, 28));
    expectImageError(Arrays.copyOf(gz, gz.length / 2), "train-images-idx3-ubyte.gz", "truncated gzip");
  }

  @Test
  void corruptGzipTrailer() {
    byte[] gz = TestData.gzip(TestData.idxImages(6, 28, 28));
    gz[gz.length - 6] ^= 0x55; // inside the CRC-32 of the trailer
    expectImageError(gz, "train-images-idx3-ubyte.gz", "corrupt gzip");
  }

  @Test
  void wrongImageMagic() {
    expectImageError(
        TestData.idxLabels(TRAIN_LABELS), "train-images-idx3-ubyte",
        "wrong IDX magic number 0x00000801, expected 0x00000803");
  }

  @Test
  void wrongLabelMagic() {
    writeSmallMnist();
    Path f = TestData.write(mnist(), "t10k-labels-idx1-ubyte", TestData.idxImages(3, 28, 28));
    expectError(Split.TEST, f, "wrong IDX magic number 0x00000803, expected 0x00000801");
  }

  @Test
  void wrongDimensions() {
    expectImageError(
        TestData.gzip(TestData.idxImages(6, 32, 32)), "train-images-idx3-ubyte.gz",
        "wrong dimensions: the header says 6 images of 32x32, expected images of 28x28");
  }

  @Test
  void truncatedImageData() {
    byte[] full = TestData.idxImages(6, 28, 28);
    expectImageError(Arrays.copyOf(full, full.length - 100), "train-images-idx3-ubyte", "truncated");
  }

  @Test
  void bytesBeyondTheHeader() {
    byte[] full = TestData.idxImages(6, 28, 28);
    expectImageError(Arrays.copyOf(full, full.length + 3), "train-images-idx3-ubyte", "3 bytes follow");
  }

  @Test
  void headerTooShort() {
    expectImageError(new byte[] {0, 0, 8, 3, 0}, "train-images-idx3-ubyte", "shorter than the 16-byte header");
  }

  @Test
  void labelCountDiffersFromImageCount() {
    writeSmallMnist();
    Path f = TestData.write(mnist(), "train-labels-idx1-ubyte.gz", TestData.gzip(TestData.idxLabels(3, 8, 5, 3, 8)));
    expectError(Split.TRAIN, f, "5 labels, but " + mnist().resolve("train-images-idx3-ubyte.gz") + " holds 6 images");
  }

  @Test
  void labelOutsideZeroToNine() {
    writeSmallMnist();
    Path f = TestData.write(mnist(), "t10k-labels-idx1-ubyte", TestData.idxLabels(8, 3, 10));
    expectError(Split.TEST, f, "label 10 at index 2 is outside 0-9");
  }

  @Test
  void missingFilesSayWhereToPutThem() {
    AkException e = assertThrows(AkException.class, () -> Datasets.read(dir, Dataset.MNIST, Split.TRAIN));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    assertTrue(e.getMessage().contains(mnist().toAbsolutePath().toString()), e.getMessage());
    TestData.assertFiles(dir);
  }

  /** Replaces the train image file of a small MNIST directory by {@code bytes} and reads it. */
  private void expectImageError(byte[] bytes, String name, String problem) {
    writeSmallMnist();
    if (name.endsWith(".gz")) {
      Path f = TestData.write(mnist(), name, bytes);
      expectError(Split.TRAIN, f, problem);
    } else {
      // The plain file is read only when no gzipped one is there.
      TestData.write(mnist(), name, bytes);
      mnist().resolve(name + ".gz").toFile().delete();
      expectError(Split.TRAIN, mnist().resolve(name), problem);
    }
  }

  /** Reading {@code split} fails with a message naming {@code file} and {@code problem}; nothing is written. */
  private void expectError(Split split, Path file, String problem) {
    List<String> before = TestData.filesUnder(dir);
    AkException e = assertThrows(AkException.class, () -> Datasets.read(dir, Dataset.MNIST, split));
    String m = e.getMessage();
    assertTrue(m.startsWith(file.toString() + ": "), m);
    assertTrue(m.contains(problem), m);
    assertEquals(-1, m.indexOf('\n'), "one line: " + m);
    assertEquals(before, TestData.filesUnder(dir));
  }
}
