package org.afterkernel.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One line appended to a shared text file (e.g. the TSV rows of {@code ak experiment}) that can
 * be taken back: the file is locked (a POSIX lock on the file itself, so concurrent appenders wait
 * rather than interleave), the line is written with {@code O_APPEND} and flushed, and closing
 * without {@link #keep()} cuts the file back to its former length (deleting it, and the folders
 * created for it, when it did not exist), so that a command whose other outputs fail leaves no row.
 */
public final class RowAppend implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final long before;
  private final boolean created;
  private final List<Path> createdDirs;
  private boolean kept;
  private boolean closed;

  private RowAppend(Path file, FileChannel channel, FileLock lock, long before, boolean created, List<Path> dirs) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.before = before;
    this.created = created;
    this.createdDirs = dirs;
  }

  /** Locks {@code file}, appends {@code line} and a newline, and flushes it to disk. */
  public static RowAppend append(Path file, String line) {
    List<Path> dirs = new ArrayList<>();
    for (Path p = file.toAbsolutePath().normalize().getParent(); p != null && !Files.exists(p); p = p.getParent()) {
      dirs.add(p);
    }
    FileChannel ch = null;
    try {
      Files.createDirectories(file.toAbsolutePath().normalize().getParent());
      boolean existed;
      FileLock lock;
      while (true) {
        existed = Files.exists(file);
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lock = ch.lock();
        if (Files.exists(file)) {
          break;
        }
        ch.close(); // another appender took back its row and deleted the file it had created: again
      }
      long before = ch.size();
      RowAppend row = new RowAppend(file, ch, lock, before, !existed, dirs);
      try {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      } catch (IOException e) {
        row.close();
        throw e;
      }
      return row;
    } catch (IOException e) {
      if (ch != null && ch.isOpen()) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Keeps the line: closing then only releases the lock. */
  public void keep() {
    kept = true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!kept) {
        channel.truncate(before);
        channel.force(true);
        if (created) {
          Files.deleteIfExists(file); // still locked: nobody appended meanwhile
        }
      }
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take back the line appended to " + file + ": " + e.getMessage(), e);
    }
    if (!kept) {
      for (Path d : createdDirs) {
        try {
          Files.deleteIfExists(d);
        } catch (IOException notEmpty) {
          break;
        }
      }
    }
  }
}
