package org.afterkernel.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.afterkernel.io.AtomicFiles;

/**
 * The temporary files of a fetch: hidden ({@code .NAME.*.part}, which no dataset file pattern
 * matches), in the directory of their final place so that the rename is atomic, deleted if the JVM
 * exits before they are published.
 */
final class TempFiles {
  private TempFiles() {}

  /** A new empty temporary file for {@code name} in {@code dir}. */
  static Path create(Path dir, String name) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name + ".", ".part");
    tmp.toFile().deleteOnExit();
    return tmp;
  }

  /**
   * Flushes the verified {@code tmp} to disk and renames it to {@code target}. Temporary files are
   * created readable by their owner only; a dataset file is made readable by all (rw-r--r--), like
   * a file that was copied into place, so that a shared data directory works for every user.
   */
  static void publish(Path tmp, Path target) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true); // after a crash the renamed file must not turn out empty
    }
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // e.g. Windows: the default permissions apply
    }
    AtomicFiles.move(tmp, target);
  }
}
