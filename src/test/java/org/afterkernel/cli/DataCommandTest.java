package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.DatasetLayout;
import org.afterkernel.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak data fetch|verify|info} run in-process. */
class DataCommandTest {
  @TempDir Path dir;

  private static String shared() {
    return TestData.sharedDataDir().toString();
  }

  @Test
  void verifySharedMnist() {
    CliTestSupport.Run r = ak("data", "verify", "--dataset", "mnist", "--data-dir", shared());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("OK    mnist/train-images-idx3-ubyte.gz  SHA-256 matches the official file"), r.out());
    assertTrue(r.out().contains("mnist: all 4 files OK"), r.out());
  }

  @Test
  void verifySharedCifarCatDogFiles() {
    CliTestSupport.Run r = ak("data", "verify", "--dataset", "CIFAR10", "--data-dir", shared());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("OK    cifar10/data_batch_catdog.bin  SHA-256 matches"), r.out());
    assertTrue(r.out().contains("cifar10: all 3 files OK"), r.out());
  }

  @Test
  void verifyFailsWithOneLineErrorAndWritesNothing() throws IOException {
    copySharedMnist();
    Files.write(dir.resolve("mnist/train-labels-idx1-ubyte.gz"), TestData.gzip(TestData.idxLabels(1, 12)));
    List<String> before = TestData.filesUnder(dir);
    CliTestSupport.Run r = ak("data", "verify", "--data-dir", dir.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("FAIL  mnist/train-labels-idx1-ubyte.gz  label 12 at index 1 is outside 0-9"), r.out());
    assertTrue(r.out().contains("OK    mnist/t10k-labels-idx1-ubyte.gz"), r.out());
    assertTrue(r.err().startsWith("ak: error: mnist in " + dir + ": 1 of 4 checks failed"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(before, TestData.filesUnder(dir));
  }

  @Test
  void infoPrintsClassCountsShapeAndFiles() {
    CliTestSupport.Run r = ak("data", "info", "--data-dir", shared(), "--classes", "5,6");
    assertEquals(0, r.exitCode(), r.err());
    String out = r.out();
    assertTrue(out.contains("28x28x1"), out);
    assertTrue(out.matches("(?s).*\\n3 +6131 +1010\\n.*"), out);
    assertTrue(out.matches("(?s).*\\n8 +5851 +974\\n.*"), out);
    assertTrue(out.matches("(?s).*\\ntotal +60000 +10000\\n.*"), out);
    assertTrue(out.contains("5,6: class 5 -> label 0, class 6 -> label 1; 11339 train and 1850 test examples"), out);
    assertTrue(out.contains("train mnist/train-images-idx3-ubyte.gz  9912422 bytes  SHA-256 matches the official file"), out);
  }

  @Test
  void infoOnCifarCatDog() {
    CliTestSupport.Run r = ak("data", "info", "--dataset", "cifar10", "--data-dir", shared(), "--classes", "3,5");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().matches("(?s).*\\n3 \\(cat\\) +5000 +1000\\n.*"), r.out());
    assertTrue(r.out().contains("32x32x3"), r.out());
  }

  @Test
  void aClassWithoutExamplesIsAOneLineError() {
    CliTestSupport.Run r = ak("data", "info", "--dataset", "cifar10", "--data-dir", shared(), "--classes", "3,8");
    assertEquals(1, r.exitCode());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("ak: error: cifar10 train: class 8 (ship) has no examples in "), r.err());
    assertTrue(r.err().contains("data_batch_catdog.bin"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void badClassPairsExitWithOne() {
    CliTestSupport.Run same = ak("data", "info", "--data-dir", shared(), "--classes", "3,3");
    assertEquals(1, same.exitCode());
    assertEquals("ak: error: classes 3,3: the minus and plus classes must differ, got class 3 twice",
        same.err().strip());
    CliTestSupport.Run outside = ak("data", "info", "--data-dir", shared(), "--classes", "3,10");
    assertEquals(1, outside.exitCode());
    assertEquals("ak: error: plus class 10 is outside 0-9: both datasets have classes 0 to 9",
        outside.err().strip());
  }

  @Test
  void fetchKeepsVerifiedFilesWithoutDownloading() throws IOException {
    copySharedMnist();
    CliTestSupport.Run r = ak("data", "fetch", "--data-dir", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(4, r.out().lines().filter(l -> l.endsWith("present, SHA-256 matches the official file")).count(), r.out());
    assertTrue(r.out().contains("mnist: ready in " + dir.resolve("mnist")), r.out());
  }

  @Test
  void unknownDatasetIsAUsageError() {
    CliTestSupport.Run r = ak("data", "verify", "--dataset", "svhn");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("expected mnist or cifar10, got 'svhn'"), r.err());
    assertEquals(2, ak("data").exitCode());
  }

  private void copySharedMnist() throws IOException {
    Files.createDirectories(dir.resolve("mnist"));
    for (String name : DatasetLayout.MNIST_FILES) {
      Files.copy(TestData.sharedDataDir().resolve("mnist").resolve(name), dir.resolve("mnist").resolve(name));
    }
  }
}
