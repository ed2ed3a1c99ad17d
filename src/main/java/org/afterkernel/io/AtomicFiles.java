package org.afterkernel.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that readers never see a partial result: the content goes to a temporary file in
 * the destination's directory, is flushed to disk, and is renamed over the destination. On any
 * failure the temporary file is deleted and the destination is left as it was.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes {@code content} to {@code target} atomically. */
  public static void write(Path target, Writer content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = createTemp(dir, target);
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        content.write(out);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      move(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
          ExitCleanup.unregister(tmp);
        } catch (IOException ignored) {
          // best effort: the original error matters more (and the exit hook tries again)
        }
      }
    }
  }

  /**
   * A temporary file beside {@code target}, readable by all like a file created normally (the
   * JDK creates temporary files readable by their owner only), deleted if the JVM exits before it
   * is moved into place ({@link ExitCleanup}).
   */
  public static Path createTemp(Path dir, Path target) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    ExitCleanup.register(tmp);
    try {
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep the default permissions
    }
    return tmp;
  }

  /** Writes a UTF-8 string atomically. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Renames {@code from} to {@code to}, atomically where the file system allows it. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    ExitCleanup.unregister(from);
  }
}
