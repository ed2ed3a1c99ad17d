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

/**
 * The CIFAR-10 reader: on small files written record by record from the format's definition
 * (label byte, then the red, green and blue 32x32 planes), and on the shared cat/dog files, whose
 * counts are published in their README and whose pixels were checked independently with numpy.
 */
class DataCifarTest {
  @TempDir Path dir;

  private Path cifar() {
    return dir.resolve("cifar10");
  }

  /** Train: data_batch_1 (records 0-2) and data_batch_2 (records 3-4); test: records 10-11. */
  private void writeSmallCifar() {
    // Written in reverse order: the reader must order the batches by name, not by the directory.
    TestData.write(cifar(), "data_batch_2.bin", TestData.cifarRecords(3, 5, 3));
    TestData.write(cifar(), "data_batch_1.bin", TestData.cifarRecords(0, 3, 9, 5));
    TestData.write(cifar(), "test_batch.bin", TestData.cifarRecords(10, 5, 0));
  }

  @Test
  void readsChannelPlanarRecordsAsNhwcPixelByPixel() {
    writeSmallCifar();
    RawSplit train = Datasets.read(dir, Dataset.CIFAR10, Split.TRAIN);
    assertEquals(
        List.of(cifar().resolve("data_batch_1.bin"), cifar().resolve("data_batch_2.bin")), train.files());
    int[] labels = {3, 9, 5, 5, 3};
    assertEquals(labels.length, train.count());
    Images im = train.images();
    assertArrayEquals(new long[] {5, 32, 32, 3}, im.shape());
    for (int n = 0; n < labels.length; n++) {
      assertEquals(labels[n], train.label(n));
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(TestData.pixel(n, y, x, c) / 255f, im.get(n, y, x, c), "n" + n + " y" + y + " x" + x + " c" + c);
          }
        }
      }
    }
    RawSplit test = Datasets.read(dir, Dataset.CIFAR10, Split.TEST);
    assertEquals(2, test.count());
    assertEquals(TestData.pixel(11, 31, 0, 2) / 255f, test.images().get(1, 31, 0, 2));
  }

  @Test
  void catVersusDogKeepsOrder() {
    writeSmallCifar();
    LabeledImages t = Datasets.read(dir, Dataset.CIFAR10, Split.TRAIN).binary(new ClassPair(3, 5), 0);
    // labels 3, 9, 5, 5, 3: records 0, 2, 3, 4 labelled 0, 1, 1, 0.
    assertArrayEquals(new int[] {0, 1, 1, 0}, t.labels());
    int[] source = {0, 2, 3, 4};
    for (int k = 0; k < source.length; k++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(TestData.pixel(source[k], 7, 19, c) / 255f, t.images().get(k, 7, 19, c));
      }
    }
  }

  @Test
  void sharedCatDogFiles() {
    Path shared = TestData.sharedDataDir();
    RawSplit train = Datasets.read(shared, Dataset.CIFAR10, Split.TRAIN);
    RawSplit test = Datasets.read(shared, Dataset.CIFAR10, Split.TEST);
    int[] expectTrain = new int[10];
    expectTrain[3] = 5000;
    expectTrain[5] = 5000;
    int[] expectTest = new int[10];
    expectTest[3] = 1000;
    expectTest[5] = 1000;
    assertArrayEquals(expectTrain, train.classCounts());
    assertArrayEquals(expectTest, test.classCounts());
    LabeledImages t = train.binary(new ClassPair(3, 5), 0);
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, Arrays.copyOf(t.labels(), 10));
    Images first = t.images();
    assertEquals(125 / 255f, first.get(0, 0, 0, 0));
    assertEquals(125 / 255f, first.get(0, 0, 0, 1));
    assertEquals(116 / 255f, first.get(0, 0, 0, 2));
    Images testImages = test.images();
    assertEquals(154 / 255f, testImages.get(1, 5, 7, 0));
    assertEquals(120 / 255f, testImages.get(1, 5, 7, 1));
    assertEquals(102 / 255f, testImages.get(1, 5, 7, 2));
    long sum = 0;
    for (float v : testImages.pixels()) {
      sum += Math.round(v * 255);
    }
    assertEquals(724260883L, sum);
  }

  @Test
  void aClassMissingFromTheSharedFilesIsNamed() {
    Path shared = TestData.sharedDataDir();
    AkException e =
        assertThrows(
            AkException.class,
            () -> Datasets.load(shared, Dataset.CIFAR10, Split.TEST, new ClassPair(3, 8), 0));
    String m = e.getMessage();
    assertTrue(m.contains("class 8 (ship) has no examples"), m);
    assertTrue(m.contains("test_batch_catdog.bin"), m);
    assertTrue(m.contains("3 (cat): 1000, 5 (dog): 1000"), m);
  }

  @Test
  void sizeNotAMultipleOfTheRecord() {
    writeSmallCifar();
    byte[] good = TestData.cifarRecords(0, 3, 5);
    Path f = TestData.write(cifar(), "data_batch_3.bin", Arrays.copyOf(good, good.length - 1));
    expectError(Split.TRAIN, f, "size 6145 bytes is not a multiple of the 3073-byte CIFAR-10 record");
  }

  @Test
  void labelOutsideZeroToNine() {
    writeSmallCifar();
    Path f = TestData.write(cifar(), "test_batch.bin", TestData.cifarRecords(0, 5, 3, 10));
    expectError(Split.TEST, f, "record 2 has label 10, expected 0-9");
  }

  @Test
  void emptyFile() {
    writeSmallCifar();
    Path f = TestData.write(cifar(), "test_batch.bin", new byte[0]);
    expectError(Split.TEST, f, "empty file");
  }

  private void expectError(Split split, Path file, String problem) {
    List<String> before = TestData.filesUnder(dir);
    AkException e = assertThrows(AkException.class, () -> Datasets.read(dir, Dataset.CIFAR10, split));
    String m = e.getMessage();
    assertTrue(m.startsWith(file + ": "), m);
    assertTrue(m.contains(problem), m);
    assertEquals(before, TestData.filesUnder(dir));
  }
}
