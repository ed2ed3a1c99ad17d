package org.afterkernel.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is deleted when the JVM exits before a temporary file is published (an error, Ctrl-C,
 * SIGTERM; not {@code kill -9}): every temporary file of {@link AtomicFiles} still registered
 * (those of {@link NpyFloatWriter} and of a file written into a staged output included), then the
 * uncommitted {@link StagedOutputs} with the folders they created. One shutdown hook does both, in
 * that order, so a created folder is empty by the time it is removed; a folder a late temporary file
 * kept (the command's thread still running as the hook starts) is tried again for up to a second.
 */
public final class ExitCleanup {
  private static final Set<Path> TEMPS = ConcurrentHashMap.newKeySet();
  private static boolean installed;
  private static volatile boolean exiting;

  private ExitCleanup() {}

  /** Installs the shutdown hook once. */
  static synchronized void install() {
    if (!installed) {
      Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::run, "ak-exit-cleanup"));
      installed = true;
    }
  }

  /**
   * Deletes {@code temp} at exit unless {@link #unregister}ed first.
   *
   * @throws IOException (and deletes {@code temp}) when the JVM is already exiting: a file created
   *     while the hook runs would outlive it
   */
  static void register(Path temp) throws IOException {
    install();
    TEMPS.add(temp.toAbsolutePath().normalize());
    checkNotExiting(temp);
  }

  /** Deletes {@code created} and throws when the JVM is exiting. */
  static void checkNotExiting(Path created) throws IOException {
    if (exiting) {
      StagedOutputs.deleteTree(created);
      throw new IOException("the process is exiting");
    }
  }

  /** {@code temp} was published or deleted: nothing to do for it at exit. */
  static void unregister(Path temp) {
    TEMPS.remove(temp.toAbsolutePath().normalize());
  }

  private static void run() {
    exiting = true;
    for (Path p : List.copyOf(TEMPS)) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // best effort at exit
      }
    }
    StagedOutputs.discardAllOpen();
    // The command's thread may hold a temporary file it made as the hook began (it deletes it on
    // seeing the exit): the folders that file kept from being removed are tried again, up to 1 s.
    StagedOutputs.deleteLeftParents(1000);
  }
}
