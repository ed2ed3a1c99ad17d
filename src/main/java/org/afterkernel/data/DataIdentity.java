package org.afterkernel.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.afterkernel.AkException;
import org.afterkernel.io.Warnings;

/**
 * Which data a result was computed on: the dataset, split, classes and number of examples, and
 * each file read with its name, size, SHA-256 and how that digest compares with the references
 * ({@link ReferenceSums}: the official MNIST files' built-in sums, the data directory's {@code
 * SHA256SUMS}, the dataset folder's). A result on files that differ from their reference says so
 * ({@code verified} false, the file's {@code check} starting with {@code MISMATCH}) and the command
 * warns; files without a reference are recorded as such. Digests are computed once per file and
 * process (cached by path, size, modification time and file key).
 *
 * @param dataset mnist or cifar10
 * @param split train or test
 * @param classes the task's classes ({@code 3,8}, or {@code all})
 * @param examples the examples used (after {@code --first} / {@code train-examples})
 * @param files the files read, in reading order
 * @param verified whether every file matches a reference sum
 */
public record DataIdentity(String dataset, String split, String classes, int examples, List<DataFile> files,
    boolean verified) {

  /**
   * One file.
   *
   * @param name file name
   * @param path absolute path
   * @param bytes size
   * @param sha256 lower-case hex SHA-256
   * @param check {@code official} (the built-in sum of the official file), {@code matches SOURCE},
   *     {@code MISMATCH: expected SHA (SOURCE)}, or {@code no reference}
   */
  public record DataFile(String name, String path, long bytes, String sha256, String check) {}

  private record Key(Path path, long size, long modified, Object fileKey) {}

  private static final Map<Key, String> DIGESTS = new ConcurrentHashMap<>();

  public DataIdentity {
    files = List.copyOf(files);
  }

  /**
   * The identity of the files {@code split} of {@code dataset} is read from in {@code dataDir},
   * for a task of {@code classes} using {@code examples} examples; warns when a file differs from
   * its reference.
   */
  public static DataIdentity of(Path dataDir, Dataset dataset, Split split, String classes, int examples) {
    ReferenceSums sums = ReferenceSums.load(dataDir, dataset);
    List<DataFile> files = new ArrayList<>();
    boolean verified = true;
    for (Path f : DatasetLayout.files(dataDir, dataset, split)) {
      Path abs = f.toAbsolutePath().normalize();
      long bytes;
      try {
        bytes = Files.size(abs);
      } catch (IOException e) {
        throw new AkException(abs + ": cannot read: " + e.getMessage(), e);
      }
      String sha = sha256(abs);
      String check = check(sha, sums.referencesOf(abs));
      verified &= check.equals("official") || check.startsWith("matches ");
      if (check.startsWith("MISMATCH")) {
        Warnings.warn(abs + ": not the file the data directory expects (SHA-256 " + sha + ", " + check.substring(10)
            + "): results computed on it record this (data.verified false); ak data verify --dataset " + dataset);
      }
      files.add(new DataFile(abs.getFileName().toString(), abs.toString(), bytes, sha, check));
    }
    return new DataIdentity(dataset.cliName(), split.toString(), classes, examples, files, verified);
  }

  private static String check(String sha, List<ReferenceSums.Reference> refs) {
    if (refs.isEmpty()) {
      return "no reference";
    }
    for (ReferenceSums.Reference r : refs) {
      if (!r.sha256().equals(sha)) {
        return "MISMATCH: expected " + r.sha256() + " (" + r.source() + ")";
      }
    }
    return refs.stream().anyMatch(r -> r.source().equals(ReferenceSums.OFFICIAL)) ? "official"
        : "matches " + refs.get(0).source();
  }

  /** The SHA-256 of {@code file}, computed once per process while its size and time stay the same. */
  public static String sha256(Path file) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new AkException(file + ": cannot read: " + e.getMessage(), e);
    }
    Key k = new Key(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime().toMillis(),
        Objects.requireNonNullElse(a.fileKey(), ""));
    return DIGESTS.computeIfAbsent(k, key -> Checksums.sha256(key.path()));
  }
}
