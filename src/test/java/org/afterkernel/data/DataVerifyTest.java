package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DatasetVerifier}: checksums and structure, on the shared files and on broken copies. */
class DataVerifyTest {
  @TempDir Path dir;

  @Test
  void sharedMnistMatchesTheOfficialSums() {
    List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(TestData.sharedDataDir(), Dataset.MNIST);
    assertEquals(4, checks.size());
    for (DatasetVerifier.FileCheck c : checks) {
      assertTrue(c.ok(), c.toString());
      assertTrue(c.detail().contains("SHA-256 matches the official file"), c.toString());
    }
    assertTrue(checks.get(0).detail().contains("60000 images of 28x28"), checks.get(0).detail());
  }

  @Test
  void sharedCifarMatchesItsSumsFile() {
    List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(TestData.sharedDataDir(), Dataset.CIFAR10);
    assertEquals(3, checks.size(), checks.toString()); // two batch files and batches.meta.txt
    for (DatasetVerifier.FileCheck c : checks) {
      assertTrue(c.ok(), c.toString());
      assertTrue(c.detail().contains("SHA-256 matches"), c.toString());
    }
  }

  @Test
  void aWellFormedButAlteredFileFailsItsChecksum() throws IOException {
    copySharedMnist();
    Path labels = dir.resolve("mnist/t10k-labels-idx1-ubyte.gz");
    int[] l = new int[10000]; // a valid label file, just not the official one
    Files.write(labels, TestData.gzip(TestData.idxLabels(l)));
    List<String> before = TestData.filesUnder(dir);
    DatasetVerifier.FileCheck c = find(DatasetVerifier.verify(dir, Dataset.MNIST), labels);
    assertFalse(c.ok());
    assertTrue(c.detail().startsWith("checksum mismatch: SHA-256 "), c.detail());
    assertTrue(c.detail().contains(
        "expected f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6 (the official file)"), c.detail());
    assertEquals(before, TestData.filesUnder(dir));
  }

  @Test
  void structuralProblemsAreReportedPerFile() throws IOException {
    copySharedMnist();
    Path labels = dir.resolve("mnist/t10k-labels-idx1-ubyte.gz");
    Files.write(labels, TestData.gzip(TestData.idxLabels(1, 2, 3)));
    List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(dir, Dataset.MNIST);
    DatasetVerifier.FileCheck c = find(checks, labels);
    assertFalse(c.ok());
    assertTrue(c.detail().startsWith("3 labels, but "), c.detail());
    assertTrue(c.detail().contains("holds 10000 images"), c.detail());
    assertTrue(find(checks, dir.resolve("mnist/t10k-images-idx3-ubyte.gz")).ok());
  }

  @Test
  void sumsFileOfTheDataDirectoryIsChecked() {
    Path c = dir.resolve("cifar10");
    Path batch = TestData.write(c, "data_batch_1.bin", TestData.cifarRecords(0, 3, 5));
    TestData.write(c, "test_batch.bin", TestData.cifarRecords(0, 5));
    TestData.write(dir, "SHA256SUMS", (
        "0".repeat(64) + "  cifar10/data_batch_1.bin\n"
            + "1".repeat(64) + "  cifar10/batches.meta.txt\n"
            + "2".repeat(64) + "  mnist/other.gz\n").getBytes());
    List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(dir, Dataset.CIFAR10);
    assertEquals(3, checks.size(), checks.toString());
    assertTrue(find(checks, batch).detail().startsWith("checksum mismatch: SHA-256 "), checks.toString());
    DatasetVerifier.FileCheck meta = find(checks, c.resolve("batches.meta.txt"));
    assertFalse(meta.ok());
    assertTrue(meta.detail().startsWith("missing (listed in "), meta.detail());
    DatasetVerifier.FileCheck test = find(checks, c.resolve("test_batch.bin"));
    assertTrue(test.ok());
    assertTrue(test.detail().startsWith("no reference SHA-256; 1 records"), test.detail());
  }

  @Test
  void missingDatasetFailsWithoutFetching() {
    List<DatasetVerifier.FileCheck> checks = DatasetVerifier.verify(dir, Dataset.MNIST);
    assertEquals(2, checks.size());
    assertFalse(checks.get(0).ok());
    assertTrue(checks.get(0).detail().startsWith("train files missing: put train-images-idx3-ubyte.gz"),
        checks.get(0).detail());
    TestData.assertFiles(dir);
  }

  @Test
  void malformedSumsFileIsNamed() {
    TestData.write(dir.resolve("cifar10"), "SHA256SUMS", "not a checksum line\n".getBytes());
    AkException e = assertThrows(AkException.class, () -> DatasetVerifier.verify(dir, Dataset.CIFAR10));
    assertTrue(e.getMessage().startsWith(dir.resolve("cifar10/SHA256SUMS") + ": line 1 is not"), e.getMessage());
  }

  private void copySharedMnist() throws IOException {
    Files.createDirectories(dir.resolve("mnist"));
    for (String name : DatasetLayout.MNIST_FILES) {
      Files.copy(TestData.sharedDataDir().resolve("mnist").resolve(name), dir.resolve("mnist").resolve(name));
    }
  }

  private static DatasetVerifier.FileCheck find(List<DatasetVerifier.FileCheck> checks, Path file) {
    Path f = file.toAbsolutePath().normalize();
    return checks.stream()
        .filter(c -> c.file().toAbsolutePath().normalize().equals(f))
        .findFirst()
        .orElseThrow(() -> new AssertionError(file + " not in " + checks));
  }
}
