package org.afterkernel.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 sums a dataset's files are checked against, from up to three sources: the built-in
 * sums of the official MNIST files; {@code <dir>/SHA256SUMS} (paths relative to the data
 * directory, e.g. {@code cifar10/data_batch_1.bin}, as in the project's shared data); and {@code
 * <dir>/<dataset>/SHA256SUMS} (paths relative to the dataset's folder, written by {@code ak data
 * fetch} for CIFAR-10's extracted files).
 */
public final class ReferenceSums {
  /** The source of the built-in sums of the official files. */
  public static final String OFFICIAL = "the official file";

  /** One expected digest and where it comes from (for messages). */
  public record Reference(String sha256, String source) {}

  /** The result of checking one file: whether it passed, and a short description. */
  public record Status(boolean ok, String text) {}

  private final Map<Path, List<Reference>> byFile = new LinkedHashMap<>();

  private ReferenceSums() {}

  /** The references for {@code dataset}'s files in {@code dataDir}. */
  public static ReferenceSums load(Path dataDir, Dataset dataset) {
    ReferenceSums r = new ReferenceSums();
    Path dir = DataDir.of(dataDir, dataset);
    if (dataset == Dataset.MNIST) {
      OfficialChecksums.MNIST_SHA256.forEach(
          (name, sha) -> {
            Path f = dir.resolve(name);
            // The built-in sums name both forms of each file; only the present one is listed.
            if (Files.exists(f)) {
              r.add(f, sha, OFFICIAL);
            }
          });
    }
    Path top = dataDir.resolve(Checksums.SUMS_FILE);
    if (Files.isRegularFile(top)) {
      String prefix = dataset.cliName() + "/";
      Checksums.readSums(top)
          .forEach(
              (path, sha) -> {
                String p = path.startsWith("./") ? path.substring(2) : path;
                if (p.startsWith(prefix)) {
                  r.add(dataDir.resolve(p), sha, top.toString());
                }
              });
    }
    Path own = dir.resolve(Checksums.SUMS_FILE);
    if (Files.isRegularFile(own)) {
      Checksums.readSums(own).forEach((path, sha) -> r.add(dir.resolve(path), sha, own.toString()));
    }
    return r;
  }

  /** Every file that has a reference sum, in the order the sources list them. */
  public List<Path> listedFiles() {
    return new ArrayList<>(byFile.keySet());
  }

  /** The references of {@code file} (empty when none). */
  public List<Reference> referencesOf(Path file) {
    return byFile.getOrDefault(key(file), List.of());
  }

  /**
   * Checks {@code file} against its references: OK when it matches all of them (or has none),
   * else a description of the mismatch with both digests.
   */
  public Status check(Path file) {
    List<Reference> refs = referencesOf(file);
    if (refs.isEmpty()) {
      return new Status(true, "no reference SHA-256");
    }
    if (!Files.isRegularFile(file)) {
      return new Status(false, "missing (listed in " + refs.get(0).source() + ")");
    }
    String actual = Checksums.sha256(file);
    List<String> matched = new ArrayList<>();
    for (Reference ref : refs) {
      if (!ref.sha256().equals(actual)) {
        return new Status(
            false,
            "checksum mismatch: SHA-256 " + actual + ", expected " + ref.sha256() + " ("
                + ref.source() + ")");
      }
      matched.add(ref.source());
    }
    return new Status(true, "SHA-256 matches " + String.join(" and ", matched));
  }

  private void add(Path file, String sha, String source) {
    byFile.computeIfAbsent(key(file), k -> new ArrayList<>()).add(new Reference(sha, source));
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }
}
