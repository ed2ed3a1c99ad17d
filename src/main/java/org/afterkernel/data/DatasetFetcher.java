package org.afterkernel.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;

/**
 * Downloads datasets from their public homes into the data directory, verified.
 *
 * <ul>
 *   <li>MNIST: each of the four files that is missing (or whose SHA-256 is not the official one)
 *       is downloaded, checked against the built-in SHA-256 and renamed into place.
 *   <li>CIFAR-10: when the train or test batch files are missing, {@code cifar-10-binary.tar.gz}
 *       is downloaded, its MD5 checked against the published one, the batch files and {@code
 *       batches.meta.txt} extracted, and their SHA-256 recorded in {@code cifar10/SHA256SUMS}. The
 *       archive is deleted afterwards.
 * </ul>
 *
 * Every file is written to a hidden temporary file and renamed into place only once verified, so
 * a failure leaves nothing behind and two processes fetching at once cannot corrupt each other
 * (each renames its own verified copy; the files are identical). Each base URL of {@link
 * FetchSources} is tried in turn; when all fail the error lists every failure and says where to
 * put the files by hand.
 */
public final class DatasetFetcher {
  private final FetchSources sources;
  private final String cifarArchiveMd5;
  private final PrintWriter log;
  private final boolean showProgress;

  /**
   * @param sources where to download from
   * @param log where to report what is done (one line per file)
   * @param showProgress whether to show download progress on standard error
   */
  public DatasetFetcher(FetchSources sources, PrintWriter log, boolean showProgress) {
    this(sources, OfficialChecksums.CIFAR10_ARCHIVE_MD5, log, showProgress);
  }

  /** With the expected MD5 of the CIFAR-10 archive given (tests serve their own small archive). */
  DatasetFetcher(FetchSources sources, String cifarArchiveMd5, PrintWriter log, boolean showProgress) {
    this.sources = sources;
    this.cifarArchiveMd5 = cifarArchiveMd5;
    this.log = log;
    this.showProgress = showProgress;
  }

  /** A fetcher from the public homes, or the URLs of {@code AK_MNIST_URL}/{@code AK_CIFAR10_URL}. */
  public static DatasetFetcher fromEnvironment(PrintWriter log) {
    return new DatasetFetcher(FetchSources.fromEnvironment(), log, true);
  }

  /** Where this fetcher reports. */
  public PrintWriter log() {
    return log;
  }

  /**
   * Makes {@code dataset} present and verified in {@code dataDir}, downloading what is missing.
   *
   * @throws AkException when a file cannot be downloaded from any source or fails its checksum
   */
  public void fetch(Path dataDir, Dataset dataset) {
    try {
      if (dataset == Dataset.MNIST) {
        fetchMnist(dataDir);
      } else {
        fetchCifar10(dataDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write in " + DataDir.of(dataDir, dataset) + ": " + e.getMessage(), e);
    } finally {
      log.flush();
    }
  }

  private void fetchMnist(Path dataDir) throws IOException {
    for (String name : DatasetLayout.MNIST_FILES) {
      Path existing = DatasetLayout.mnistFile(dataDir, name);
      if (existing != null) {
        String official = OfficialChecksums.MNIST_SHA256.get(existing.getFileName().toString());
        String actual = Checksums.sha256(existing);
        if (actual.equals(official)) {
          log.printf("%s: present, SHA-256 matches the official file%n", existing);
          continue;
        }
        log.printf(
            "%s: SHA-256 %s is not the official %s: downloading it again%n",
            existing, actual, official);
      }
      fetchMnistFile(dataDir, name);
    }
  }

  /** Downloads one MNIST file from the first source that serves the official file. */
  private void fetchMnistFile(Path dataDir, String name) throws IOException {
    Path target = DataDir.of(dataDir, Dataset.MNIST).resolve(name);
    String expected = OfficialChecksums.MNIST_SHA256.get(name);
    List<String> failures = new ArrayList<>();
    for (URI base : sources.mnist()) {
      URI url = FetchSources.url(base, name);
      log.printf("%s: downloading %s%n", target, url);
      log.flush();
      HttpDownload.Result r = download(url, target.getParent(), name, failures);
      if (r == null) {
        continue;
      }
      try {
        if (r.sha256().equals(expected)) {
          TempFiles.publish(r.file(), target);
          log.printf("%s: %d bytes, SHA-256 matches the official file%n", target, r.bytes());
          return;
        }
        failures.add(url + ": checksum mismatch: SHA-256 " + r.sha256() + ", expected " + expected);
      } finally {
        Files.deleteIfExists(r.file());
      }
    }
    throw cannotFetch(dataDir, Dataset.MNIST, name, failures);
  }

  private void fetchCifar10(Path dataDir) throws IOException {
    Path dir = DataDir.of(dataDir, Dataset.CIFAR10);
    if (DatasetLayout.isPresent(dataDir, Dataset.CIFAR10)) {
      log.printf("%s: train and test batch files present (ak data verify checks them)%n", dir);
      return;
    }
    String name = OfficialChecksums.CIFAR10_ARCHIVE;
    List<String> failures = new ArrayList<>();
    for (URI base : sources.cifar10()) {
      URI url = FetchSources.url(base, name);
      log.printf("%s: downloading %s%n", dir.resolve(name), url);
      log.flush();
      HttpDownload.Result r = download(url, dir, name, failures);
      if (r == null) {
        continue;
      }
      try {
        if (!r.md5().equals(cifarArchiveMd5)) {
          failures.add(url + ": checksum mismatch: MD5 " + r.md5() + ", expected " + cifarArchiveMd5);
          continue;
        }
        log.printf("%s: %d bytes, MD5 matches the published one (SHA-256 %s)%n", url, r.bytes(), r.sha256());
        CifarArchive.extract(r.file(), url.toString(), dir, log);
        return;
      } finally {
        Files.deleteIfExists(r.file());
      }
    }
    throw cannotFetch(dataDir, Dataset.CIFAR10, name, failures);
  }

  /** Downloads, or records the failure and returns null. */
  private HttpDownload.Result download(URI url, Path dir, String name, List<String> failures)
      throws IOException {
    try {
      return HttpDownload.toTempFile(url, dir, name, showProgress);
    } catch (HttpDownload.Failure f) {
      failures.add(url + ": " + f.getMessage());
      return null;
    }
  }

  private static AkException cannotFetch(
      Path dataDir, Dataset dataset, String name, List<String> failures) {
    return new AkException(
        "cannot fetch " + dataset + " (" + name + "): " + String.join("; ", failures)
            + ". No partial or unverified file was left. Without network or a working source, "
            + DatasetLayout.whereToPut(dataDir, dataset)
            + " (or point --data-dir / " + DataDir.ENV + " at a directory holding "
            + dataset.cliName() + "/)");
  }
}
