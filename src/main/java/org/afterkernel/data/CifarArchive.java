package org.afterkernel.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.afterkernel.AkException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts the CIFAR-10 files from the (already verified) {@code cifar-10-binary.tar.gz} into the
 * dataset's folder and records their SHA-256 in its {@code SHA256SUMS}.
 *
 * <p>Only the known names of {@link DatasetLayout#CIFAR10_FILES} under {@code
 * cifar-10-batches-bin/} are extracted, so no entry can write outside the folder. All of them are
 * first extracted to hidden temporary files; only when every one is there are they renamed into
 * place, test batch last: a process that finds both train and test batches (what {@link
 * DatasetLayout#isPresent} asks) therefore sees all five train batches.
 */
final class CifarArchive {
  private CifarArchive() {}

  static void extract(Path archive, String origin, Path dir, PrintWriter log) throws IOException {
    Map<String, Path> extracted = new LinkedHashMap<>();
    Map<String, String> sums = new LinkedHashMap<>();
    try {
      try (InputStream gz = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16);
          TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
          if (!e.isFile() || !name.startsWith(OfficialChecksums.CIFAR10_ARCHIVE_FOLDER)) {
            continue;
          }
          String file = name.substring(OfficialChecksums.CIFAR10_ARCHIVE_FOLDER.length());
          if (DatasetLayout.CIFAR10_FILES.contains(file) && !extracted.containsKey(file)) {
            Path tmp = TempFiles.create(dir, file);
            extracted.put(file, tmp);
            sums.put(file, copy(tar, tmp));
          }
        }
      } catch (IOException e) {
        throw new AkException(
            origin + ": not a valid tar.gz archive (" + e.getMessage() + "). Nothing was written.",
            e);
      }
      List<String> missing = new ArrayList<>(DatasetLayout.CIFAR10_FILES);
      missing.removeAll(extracted.keySet());
      if (!missing.isEmpty()) {
        throw new AkException(
            origin + ": the archive lacks " + OfficialChecksums.CIFAR10_ARCHIVE_FOLDER
                + String.join(", " + OfficialChecksums.CIFAR10_ARCHIVE_FOLDER, missing)
                + ". Nothing was written.");
      }
      for (Map.Entry<String, Path> e : extracted.entrySet()) {
        if (e.getKey().endsWith(".bin")) {
          CifarReader.recordCount(e.getValue()); // the record size, before anything is in place
        }
      }
      Path sumsFile = dir.resolve(Checksums.SUMS_FILE);
      Map<String, String> allSums =
          Files.isRegularFile(sumsFile) ? Checksums.readSums(sumsFile) : new LinkedHashMap<>();
      allSums.putAll(sums);
      List<String> order = new ArrayList<>(extracted.keySet());
      order.sort(Comparator.comparing((String f) -> f.startsWith("test_batch")).thenComparing(f -> f));
      for (String file : order) {
        TempFiles.publish(extracted.get(file), dir.resolve(file));
        log.printf("%s: extracted, SHA-256 %s%n", dir.resolve(file), sums.get(file));
      }
      Path sumsTmp = TempFiles.create(dir, Checksums.SUMS_FILE);
      extracted.put(Checksums.SUMS_FILE, sumsTmp); // deleted in the finally block if not published
      Files.writeString(sumsTmp, Checksums.formatSums(allSums));
      TempFiles.publish(sumsTmp, sumsFile);
      log.printf("%s: SHA-256 of the extracted files recorded%n", sumsFile);
    } finally {
      for (Path tmp : extracted.values()) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Copies the current entry to {@code target} and returns its SHA-256. */
  private static String copy(InputStream in, Path target) throws IOException {
    MessageDigest sha = Checksums.digest("SHA-256");
    byte[] buf = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        sha.update(buf, 0, n);
      }
    }
    return Checksums.hex(sha.digest());
  }
}
