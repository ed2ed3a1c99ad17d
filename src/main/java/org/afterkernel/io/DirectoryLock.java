package org.afterkernel.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.afterkernel.AkException;

/**
 * An exclusive lock on the appendable files of one folder, between the threads of this process
 * and between processes (on this machine or, on a shared file system with POSIX locks such as
 * NFSv4, on other machines): a POSIX record lock ({@code fcntl}, through {@link FileChannel#lock})
 * on the folder's {@value #NAME}. Whoever appends to, or replaces, a file of the folder holds it
 * for that moment, so appends never interleave and a rewrite (a merge) never loses a line appended
 * meanwhile. The operating system releases the lock when its process dies, even by {@code kill
 * -9}; the lock file itself stays (empty, hidden). Reentrant within a thread.
 *
 * <pre>{@code
 * try (DirectoryLock lock = DirectoryLock.acquire(dir)) {
 *   ... open, append, close ...
 * }
 * }</pre>
 */
public final class DirectoryLock implements AutoCloseable {
  /** The lock file's name. */
  public static final String NAME = ".ak-lock";

  private static final Map<Path, Holder> HOLDERS = new HashMap<>();

  /** One folder's lock in this process: a thread lock, and the file lock while a thread holds it. */
  private static final class Holder {
    final ReentrantLock thread = new ReentrantLock();
    FileChannel channel;
    FileLock lock;
  }

  private final Holder holder;
  private boolean closed;

  private DirectoryLock(Holder holder) {
    this.holder = holder;
  }

  /**
   * Waits for, and takes, the lock of folder {@code dir} (created if missing).
   *
   * @throws AkException naming the folder when the lock file cannot be created or the file system
   *     does not support locks
   */
  public static DirectoryLock acquire(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    Holder h;
    synchronized (HOLDERS) {
      h = HOLDERS.computeIfAbsent(key, k -> new Holder());
    }
    h.thread.lock();
    if (h.thread.getHoldCount() == 1) {
      try {
        Files.createDirectories(key);
        h.channel = FileChannel.open(key.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        h.lock = h.channel.lock();
      } catch (IOException | RuntimeException e) {
        closeQuietly(h);
        h.thread.unlock();
        throw new AkException(key.resolve(NAME) + ": cannot lock (" + e.getMessage() + "); results shared by several"
            + " processes need a file system with POSIX locks (a local disk, NFSv4, Lustre mounted with flock)", e);
      }
    }
    return new DirectoryLock(h);
  }

  /** Releases the lock (the file lock once the outermost holder in this thread releases it). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (holder.thread.getHoldCount() == 1) {
      closeQuietly(holder);
    }
    holder.thread.unlock();
  }

  private static void closeQuietly(Holder h) {
    try {
      if (h.lock != null) {
        h.lock.release();
      }
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    try {
      if (h.channel != null) {
        h.channel.close();
      }
    } catch (IOException ignored) {
      // nothing more to release
    }
    h.lock = null;
    h.channel = null;
  }
}
