package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.afterkernel.AkException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching CIFAR-10 from a local HTTP server serving a small archive laid out like the official
 * {@code cifar-10-binary.tar.gz} (the official MD5 replaced by the small archive's own).
 */
class DataFetchCifarTest {
  private static final String ARCHIVE = "cifar-10-binary.tar.gz";

  @TempDir Path dir;
  private LocalHttpServer server;
  private final StringWriter log = new StringWriter();
  private final Map<String, byte[]> contents = new LinkedHashMap<>();

  @BeforeEach
  void setUp() {
    server = new LocalHttpServer();
    for (int b = 1; b <= 5; b++) {
      contents.put("data_batch_" + b + ".bin", TestData.cifarRecords(10 * b, b, 3, 5));
    }
    contents.put("test_batch.bin", TestData.cifarRecords(100, 5, 3, 8));
    contents.put("batches.meta.txt", "airplane\nautomobile\n".getBytes(StandardCharsets.US_ASCII));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private DatasetFetcher fetcher(String md5) {
    return new DatasetFetcher(
        new FetchSources(List.of(), List.of(server.base("kriz"))), md5, new PrintWriter(log), false);
  }

  @Test
  void extractsTheBatchesAndRecordsTheirSums() throws Exception {
    byte[] archive = archive(contents);
    server.serve("kriz/" + ARCHIVE, archive);
    fetcher(hex("MD5", archive)).fetch(dir, Dataset.CIFAR10);

    Path c = dir.resolve("cifar10");
    List<String> expectedFiles = new java.util.ArrayList<>();
    contents.keySet().forEach(n -> expectedFiles.add("cifar10/" + n));
    expectedFiles.add("cifar10/SHA256SUMS");
    TestData.assertFiles(dir, expectedFiles.toArray(new String[0]));
    StringBuilder sums = new StringBuilder();
    for (Map.Entry<String, byte[]> e : contents.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(c.resolve(e.getKey())), e.getKey());
      sums.append(hex("SHA-256", e.getValue())).append("  ").append(e.getKey()).append('\n');
    }
    assertEquals(sums.toString(), Files.readString(c.resolve("SHA256SUMS")));
    assertTrue(Files.getPosixFilePermissions(c.resolve("SHA256SUMS")).contains(PosixFilePermission.OTHERS_READ));

    RawSplit train = Datasets.read(dir, Dataset.CIFAR10, Split.TRAIN);
    assertEquals(15, train.count());
    assertArrayEquals(new int[] {1, 3, 5, 2, 3, 5}, new int[] {
        train.label(0), train.label(1), train.label(2), train.label(3), train.label(4), train.label(5)});
    assertEquals(TestData.pixel(50, 4, 9, 1) / 255f, train.images().get(12, 4, 9, 1));
    assertTrue(DatasetVerifier.verify(dir, Dataset.CIFAR10).stream().allMatch(DatasetVerifier.FileCheck::ok));

    int requests = server.requests();
    fetcher(hex("MD5", archive)).fetch(dir, Dataset.CIFAR10);
    assertEquals(requests, server.requests(), "a present dataset is not downloaded again");
  }

  @Test
  void otherEntriesOfAnExistingSumsFileAreKept() throws Exception {
    String other = "ab".repeat(32) + "  my_notes.txt\n";
    TestData.write(dir.resolve("cifar10"), "SHA256SUMS", other.getBytes(StandardCharsets.US_ASCII));
    byte[] archive = archive(contents);
    server.serve("kriz/" + ARCHIVE, archive);
    fetcher(hex("MD5", archive)).fetch(dir, Dataset.CIFAR10);
    String sums = Files.readString(dir.resolve("cifar10/SHA256SUMS"));
    assertTrue(sums.startsWith(other), sums);
    assertTrue(sums.contains(hex("SHA-256", contents.get("test_batch.bin")) + "  test_batch.bin\n"), sums);
  }

  @Test
  void md5MismatchLeavesNothing() throws Exception {
    server.serve("kriz/" + ARCHIVE, archive(contents));
    AkException e = assertThrows(AkException.class,
        () -> fetcher("c32a1d4ab5d03f1284b67883e8d87530").fetch(dir, Dataset.CIFAR10));
    String m = e.getMessage();
    assertTrue(m.contains(ARCHIVE + ": checksum mismatch: MD5 "), m);
    assertTrue(m.contains("expected c32a1d4ab5d03f1284b67883e8d87530"), m);
    assertNothingWritten(m);
  }

  @Test
  void archiveWithoutTheTestBatchLeavesNothing() throws Exception {
    Map<String, byte[]> partial = new LinkedHashMap<>(contents);
    partial.remove("test_batch.bin");
    byte[] archive = archive(partial);
    server.serve("kriz/" + ARCHIVE, archive);
    AkException e = assertThrows(AkException.class, () -> fetcher(hex("MD5", archive)).fetch(dir, Dataset.CIFAR10));
    assertTrue(e.getMessage().contains("the archive lacks cifar-10-batches-bin/test_batch.bin"), e.getMessage());
    TestData.assertFiles(dir);
  }

  @Test
  void anArchiveThatIsNotTarGzLeavesNothing() throws Exception {
    byte[] notAnArchive = "not a tar.gz".getBytes(StandardCharsets.US_ASCII);
    server.serve("kriz/" + ARCHIVE, notAnArchive);
    AkException e = assertThrows(AkException.class, () -> fetcher(hex("MD5", notAnArchive)).fetch(dir, Dataset.CIFAR10));
    assertTrue(e.getMessage().contains(ARCHIVE + ": not a valid tar.gz archive"), e.getMessage());
    TestData.assertFiles(dir);
  }

  @Test
  void batchOfABadSizeInTheArchiveLeavesNothing() throws Exception {
    Map<String, byte[]> bad = new LinkedHashMap<>(contents);
    bad.put("data_batch_3.bin", new byte[3073 * 2 + 5]);
    byte[] archive = archive(bad);
    server.serve("kriz/" + ARCHIVE, archive);
    AkException e = assertThrows(AkException.class, () -> fetcher(hex("MD5", archive)).fetch(dir, Dataset.CIFAR10));
    assertTrue(e.getMessage().contains("is not a multiple of the 3073-byte CIFAR-10 record"), e.getMessage());
    TestData.assertFiles(dir);
  }

  @Test
  void truncatedTransferLeavesNothing() throws Exception {
    byte[] archive = archive(contents);
    server.serveTruncated("kriz/" + ARCHIVE, archive);
    AkException e = assertThrows(AkException.class, () -> fetcher(hex("MD5", archive)).fetch(dir, Dataset.CIFAR10));
    assertTrue(e.getMessage().contains("truncated transfer"), e.getMessage());
    assertNothingWritten(e.getMessage());
  }

  @Test
  void notFoundLeavesNothing() {
    AkException e = assertThrows(AkException.class, () -> fetcher("x").fetch(dir, Dataset.CIFAR10));
    assertTrue(e.getMessage().contains(ARCHIVE + ": HTTP 404"), e.getMessage());
    assertNothingWritten(e.getMessage());
  }

  private void assertNothingWritten(String m) {
    TestData.assertFiles(dir);
    assertTrue(m.contains("No partial or unverified file was left"), m);
    assertTrue(m.contains("data_batch_1.bin ... data_batch_5.bin and test_batch.bin"), m);
    assertTrue(m.contains(dir.resolve("cifar10").toAbsolutePath() + "/"), m);
  }

  /** A tar.gz holding {@code files} under cifar-10-batches-bin/, plus a readme to be skipped. */
  private static byte[] archive(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      TarArchiveEntry folder = new TarArchiveEntry("cifar-10-batches-bin/");
      tar.putArchiveEntry(folder);
      tar.closeArchiveEntry();
      put(tar, "cifar-10-batches-bin/readme.html", "<html></html>".getBytes(StandardCharsets.US_ASCII));
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        put(tar, "cifar-10-batches-bin/" + e.getKey(), e.getValue());
      }
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }
}
