package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MNIST reader on the real files. Expected values are published (the class counts) or
 * well known (the first labels); the pixel sums were computed independently with numpy from the
 * same files.
 */
class DataMnistTest {
  private static RawSplit train;
  private static RawSplit test;

  @BeforeAll
  static void readRealFiles() {
    Path dir = TestData.sharedDataDir();
    long start = System.nanoTime();
    train = Datasets.read(dir, Dataset.MNIST, Split.TRAIN);
    System.out.printf("read MNIST train (60000 images) in %.2f s%n", (System.nanoTime() - start) / 1e9);
    test = Datasets.read(dir, Dataset.MNIST, Split.TEST);
  }

  @Test
  void trainClassCountsAreThePublishedOnes() {
    int[] c = train.classCounts();
    assertEquals(60000, train.count());
    assertEquals(6131, c[3]);
    assertEquals(5421, c[5]);
    assertEquals(5918, c[6]);
    assertEquals(5851, c[8]);
  }

  @Test
  void testClassCountsAreThePublishedOnes() {
    int[] c = test.classCounts();
    assertEquals(10000, test.count());
    assertEquals(1010, c[3]);
    assertEquals(892, c[5]);
    assertEquals(958, c[6]);
    assertEquals(974, c[8]);
  }

  @Test
  void labelsKeepTheOrderOfTheFiles() {
    int[] firstTrain = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7, 2, 8, 6, 9};
    int[] firstTest = {7, 2, 1, 0, 4, 1, 4, 9, 5, 9};
    for (int i = 0; i < firstTrain.length; i++) {
      assertEquals(firstTrain[i], train.label(i), "train label " + i);
    }
    for (int i = 0; i < firstTest.length; i++) {
      assertEquals(firstTest[i], test.label(i), "test label " + i);
    }
  }

  @Test
  void everyPixelIsDecoded() {
    Images all = train.images();
    assertEquals(1567298545L, sumTimes255(all.pixels()));
    assertEquals(264923200L, sumTimes255(test.images().pixels()));
    assertEquals(240f / 255f, all.get(0, 14, 14, 0));
  }

  @Test
  void binaryTaskThreeVersusEight() {
    LabeledImages t = train.binary(ClassPair.DEFAULT, 0);
    assertEquals(6131 + 5851, t.count());
    assertEquals(5851, Arrays.stream(t.labels()).sum());
    // Train examples 7, 10, 12, 17, 27 are the first 3s and 8s: 3, 3, 3, 8, 3.
    assertArrayEquals(new int[] {0, 0, 0, 1, 0}, Arrays.copyOf(t.labels(), 5));
    int[] row14 = {0, 0, 0, 0, 0, 0, 0, 0, 45, 222, 252, 252, 252, 252, 253, 252, 252, 252, 177, 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    for (int x = 0; x < 28; x++) {
      assertEquals(row14[x] / 255f, t.images().get(0, 14, x, 0), "pixel (14, " + x + ")");
    }
    assertEquals(349117089L, sumTimes255(t.images().pixels()));
    assertEquals(58753333L, sumTimes255(test.binary(ClassPair.DEFAULT, 0).images().pixels()));
  }

  @Test
  void binaryTaskFiveVersusSixAndFirstN() {
    LabeledImages t = test.binary(new ClassPair(5, 6), 0);
    assertEquals(892 + 958, t.count());
    assertEquals(958, Arrays.stream(t.labels()).sum());
    LabeledImages first = test.binary(ClassPair.DEFAULT, 6);
    assertEquals(6, first.count());
    // Test examples 18, 30, 32, 44, 51, 61 are 3, 3, 3, 3, 3, 8.
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1}, first.labels());
  }

  @Test
  void loadFindsTheDataAndReturnsTheTask() {
    long start = System.nanoTime();
    LabeledImages t =
        Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, new ClassPair(5, 6), 0);
    System.out.printf("load MNIST train 5-vs-6 in %.2f s%n", (System.nanoTime() - start) / 1e9);
    assertEquals(5421 + 5918, t.count());
    assertEquals(28, t.images().height());
    assertEquals(1, t.images().channels());
  }

  /** The sum of round(v * 255) over the values: the sum of the original bytes. */
  private static long sumTimes255(float[] v) {
    long s = 0;
    for (float f : v) {
      s += Math.round(f * 255);
    }
    return s;
  }
}
