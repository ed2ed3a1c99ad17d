package org.afterkernel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.afterkernel.AkException;

/**
 * Checks of output paths made before any work, so that a command that cannot write its result
 * says so at once, in one line, instead of after hours: a file must not be an existing folder, and
 * the nearest existing folder above it must be a writable folder.
 */
final class OutputChecks {
  private OutputChecks() {}

  /** Refuses {@code file} (given as {@code option}) when it cannot be written as a file. */
  static void file(Path file, String option) {
    if (Files.isDirectory(file)) {
      throw new AkException(option + " " + file + ": is a folder, expected a file name");
    }
    parent(file.toAbsolutePath().normalize().getParent(), option + " " + file);
  }

  /** Refuses {@code dir} (given as {@code option}) when it exists as a file or cannot be created. */
  static void folder(Path dir, String option) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new AkException(option + " " + dir + ": exists and is not a folder");
    }
    parent(dir.toAbsolutePath().normalize(), option + " " + dir);
  }

  private static void parent(Path dir, String what) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new AkException(what + ": " + existing + " is a file, not a folder");
    }
    if (!Files.isWritable(existing)) {
      throw new AkException(what + ": cannot write in " + existing + " (permission denied)");
    }
  }
}
