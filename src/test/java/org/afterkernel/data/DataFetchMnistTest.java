package org.afterkernel.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.afterkernel.AkException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching MNIST from a local HTTP server that serves the real files (and broken ones). */
class DataFetchMnistTest {
  private static final Map<String, byte[]> OFFICIAL = new HashMap<>();
  private static final String[] NAMES = DatasetLayout.MNIST_FILES.toArray(new String[0]);

  @TempDir Path dir;
  private LocalHttpServer server;
  private final StringWriter log = new StringWriter();

  @BeforeAll
  static void readOfficialFiles() throws IOException {
    for (String name : NAMES) {
      OFFICIAL.put(name, Files.readAllBytes(TestData.sharedDataDir().resolve("mnist").resolve(name)));
    }
  }

  @BeforeEach
  void startServer() {
    server = new LocalHttpServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private DatasetFetcher fetcher(URI... bases) {
    return new DatasetFetcher(new FetchSources(List.of(bases), List.of()), new PrintWriter(log), false);
  }

  private void serveAll(String prefix) {
    OFFICIAL.forEach((name, bytes) -> server.serve(prefix + "/" + name, bytes));
  }

  private void assertOfficialFilesInPlace() throws IOException {
    TestData.assertFiles(dir, "mnist/" + NAMES[0], "mnist/" + NAMES[1], "mnist/" + NAMES[2], "mnist/" + NAMES[3]);
    for (String name : NAMES) {
      Path f = dir.resolve("mnist").resolve(name);
      assertArrayEquals(OFFICIAL.get(name), Files.readAllBytes(f), name);
      assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OTHERS_READ), name);
    }
  }

  @Test
  void fetchesVerifiedFilesAndKeepsThemOnTheNextFetch() throws IOException {
    serveAll("a");
    fetcher(server.base("a")).fetch(dir, Dataset.MNIST);
    assertOfficialFilesInPlace();
    assertEquals(4, server.requests());
    assertTrue(log.toString().contains("9912422 bytes, SHA-256 matches the official file"), log.toString());
    fetcher(server.base("a")).fetch(dir, Dataset.MNIST);
    assertEquals(4, server.requests(), "present files are not downloaded again");
    assertTrue(log.toString().contains("present, SHA-256 matches the official file"), log.toString());
    assertEquals(1010, Datasets.read(dir, Dataset.MNIST, Split.TEST).classCounts()[3]);
  }

  @Test
  void fallsBackToTheSecondMirror() throws IOException {
    serveAll("b");
    fetcher(server.base("a"), server.base("b")).fetch(dir, Dataset.MNIST);
    assertOfficialFilesInPlace();
    assertEquals(8, server.requests(), "each file: a 404 from the first mirror, then the second");
  }

  @Test
  void wrongChecksumAndNotFoundLeaveNothing() {
    byte[] altered = OFFICIAL.get(NAMES[0]).clone();
    altered[altered.length / 2] ^= 1;
    server.serve("a/" + NAMES[0], altered);
    AkException e = assertThrows(
        AkException.class, () -> fetcher(server.base("a"), server.base("b")).fetch(dir, Dataset.MNIST));
    String m = e.getMessage();
    assertTrue(m.contains(server.base("a") + NAMES[0] + ": checksum mismatch: SHA-256 "), m);
    assertTrue(m.contains("expected 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"), m);
    assertTrue(m.contains(server.base("b") + NAMES[0] + ": HTTP 404"), m);
    assertNothingWrittenAndToldWhereToPutFiles(m);
  }

  @Test
  void truncatedTransferLeavesNothing() {
    server.serveTruncated("a/" + NAMES[0], OFFICIAL.get(NAMES[0]));
    AkException e = assertThrows(AkException.class, () -> fetcher(server.base("a")).fetch(dir, Dataset.MNIST));
    String m = e.getMessage();
    assertTrue(m.contains(NAMES[0] + ": truncated transfer: 4956211 of 9912422 bytes"), m);
    assertNothingWrittenAndToldWhereToPutFiles(m);
  }

  @Test
  void notFoundLeavesNothing() {
    AkException e = assertThrows(AkException.class, () -> fetcher(server.base("a")).fetch(dir, Dataset.MNIST));
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertNothingWrittenAndToldWhereToPutFiles(e.getMessage());
  }

  @Test
  void withoutNetworkFailsFastSayingWhereToPutTheFiles() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/mnist/");
    AkException e = assertThrows(AkException.class, () -> fetcher(nowhere).fetch(dir, Dataset.MNIST));
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    assertNothingWrittenAndToldWhereToPutFiles(e.getMessage());
  }

  @Test
  void replacesAFileThatIsNotTheOfficialOne() throws IOException {
    serveAll("a");
    TestData.write(dir.resolve("mnist"), NAMES[1], new byte[] {1, 2, 3});
    fetcher(server.base("a")).fetch(dir, Dataset.MNIST);
    assertOfficialFilesInPlace();
    assertTrue(log.toString().contains("is not the official 3552534a"), log.toString());
  }

  @Test
  void twoFetchesAtOnceBothSucceed() throws Exception {
    serveAll("a");
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<?> f1 = two.submit(() -> fetcher(server.base("a")).fetch(dir, Dataset.MNIST));
      Future<?> f2 = two.submit(() -> fetcher(server.base("a")).fetch(dir, Dataset.MNIST));
      f1.get();
      f2.get();
    } finally {
      two.shutdownNow();
    }
    assertOfficialFilesInPlace();
  }

  @Test
  void loadingAMissingDatasetFetchesItFirst() {
    serveAll("a");
    RawSplit test = Datasets.loadSplit(dir, Dataset.MNIST, Split.TEST, fetcher(server.base("a")));
    assertEquals(10000, test.count());
    assertEquals(974, test.classCounts()[8]);
    assertTrue(log.toString().contains("mnist is not in"), log.toString());
  }

  @Test
  void sourcesFromTheEnvironment() {
    assertEquals(FetchSources.DEFAULT, FetchSources.fromEnvironment(Map.of()));
    FetchSources s =
        FetchSources.fromEnvironment(
            Map.of(FetchSources.MNIST_ENV, "http://127.0.0.1:9/m, https://mirror/x/",
                FetchSources.CIFAR10_ENV, "http://h/c"));
    assertEquals(List.of(URI.create("http://127.0.0.1:9/m/"), URI.create("https://mirror/x/")), s.mnist());
    assertEquals(URI.create("http://h/c/cifar-10-binary.tar.gz"),
        FetchSources.url(s.cifar10().get(0), "cifar-10-binary.tar.gz"));
    AkException e = assertThrows(AkException.class,
        () -> FetchSources.fromEnvironment(Map.of(FetchSources.MNIST_ENV, "ftp://x/")));
    assertTrue(e.getMessage().startsWith("AK_MNIST_URL: 'ftp://x/'"), e.getMessage());
  }

  private void assertNothingWrittenAndToldWhereToPutFiles(String m) {
    TestData.assertFiles(dir);
    assertTrue(m.contains("No partial or unverified file was left"), m);
    for (String name : NAMES) {
      assertTrue(m.contains(name), m);
    }
    assertTrue(m.contains(dir.resolve("mnist").toAbsolutePath() + "/"), m);
    assertEquals(-1, m.indexOf('\n'), m);
  }
}
