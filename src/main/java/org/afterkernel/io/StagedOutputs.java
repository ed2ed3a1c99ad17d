package org.afterkernel.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.afterkernel.AkException;

/**
 * The outputs of one command, all published or none: each file or folder is written under a hidden
 * temporary name in its destination's parent ({@code .NAME.RANDOM.tmp}) and renamed into place by
 * {@link #commit()}; closing without a commit (an exception, a divergence, Ctrl-C) deletes what was
 * staged and the parent folders it had to create. Use with try-with-resources:
 *
 * <pre>{@code
 * try (StagedOutputs outputs = new StagedOutputs()) {
 *   Path dir = outputs.directory(out);       // write the folder's files into dir
 *   Path json = outputs.file(out.resolveSibling("x.json"));
 *   ...
 *   outputs.commit();
 * }
 * }</pre>
 *
 * <p>A staged file replaces its destination by one atomic rename. A staged folder is renamed into
 * place when its destination does not exist; otherwise its entries are moved into the existing
 * folder one by one, each replacing the entry of the same name (a sub-folder as a whole), so a
 * folder shared with other outputs (e.g. {@code figures/}) keeps its other files. Commits run in
 * staging order.
 */
public final class StagedOutputs implements AutoCloseable {
  private static final Set<StagedOutputs> OPEN = new LinkedHashSet<>();
  /**
   * Created parent folders a discard could not remove because they were not empty, deepest first:
   * at exit the command's own thread may still create (and, seeing the JVM exit, delete) a
   * temporary file in one while the hook runs, so {@link ExitCleanup} tries them again.
   */
  private static final List<Path> LEFT = new ArrayList<>();

  private final List<Staged> staged = new ArrayList<>();
  private final List<Path> createdParents = new ArrayList<>();
  private boolean done;

  private record Staged(Path temp, Path target, boolean directory) {}

  /** Starts a set of outputs; uncommitted ones are also removed if the JVM exits first. */
  public StagedOutputs() {
    ExitCleanup.install();
    synchronized (OPEN) {
      OPEN.add(this);
    }
  }

  /** A new empty temporary file to write in place of {@code target}. */
  public synchronized Path file(Path target) {
    if (Files.isDirectory(target)) {
      throw new AkException(target + ": is a directory, expected a file name");
    }
    try {
      Path temp = AtomicFiles.createTemp(parentOf(target), target);
      staged.add(new Staged(temp, target, false));
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** A new empty temporary folder whose entries will be put in {@code target}. */
  public synchronized Path directory(Path target) {
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new AkException(target + ": exists and is not a directory");
    }
    try {
      Path temp = Files.createTempDirectory(parentOf(target), "." + target.getFileName() + ".");
      ExitCleanup.checkNotExiting(temp);
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x")); // as mkdir makes it
      } catch (UnsupportedOperationException notPosix) {
        // keep the default permissions
      }
      staged.add(new Staged(temp, target, true));
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where {@code path} (a staged file or folder, or a path inside a staged folder) ends up once
   * committed; {@code path} itself when it is not staged here.
   */
  public synchronized Path target(Path path) {
    for (Staged s : staged) {
      if (path.startsWith(s.temp())) {
        return s.target().resolve(s.temp().relativize(path).toString()).normalize();
      }
    }
    return path;
  }

  /** Renames everything staged into place, in staging order. */
  public synchronized void commit() {
    if (done) {
      throw new IllegalStateException("outputs already committed or discarded");
    }
    try {
      for (Staged s : staged) {
        checkReplaceable(s);
      }
      for (Staged s : staged) {
        if (!s.directory() || !Files.exists(s.target())) {
          AtomicFiles.move(s.temp(), s.target());
        } else {
          mergeInto(s.temp(), s.target());
        }
      }
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + currentTarget() + ": " + e.getMessage(), e);
    } finally {
      synchronized (OPEN) {
        OPEN.remove(this);
      }
      discard();
    }
  }

  /** Deletes whatever was staged and not committed. */
  @Override
  public synchronized void close() {
    synchronized (OPEN) {
      OPEN.remove(this);
    }
    discard();
  }

  private Path parentOf(Path target) throws IOException {
    Path parent = target.toAbsolutePath().normalize().getParent();
    List<Path> missing = new ArrayList<>();
    for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    Files.createDirectories(parent);
    createdParents.addAll(missing);
    return parent;
  }

  private Path currentTarget() {
    for (Staged s : staged) {
      if (Files.exists(s.temp())) {
        return s.target();
      }
    }
    return staged.isEmpty() ? null : staged.get(staged.size() - 1).target();
  }

  /**
   * Refuses, before anything is renamed, a destination that a rename cannot replace: a file where
   * a folder is staged or the reverse (also among a staged folder's entries).
   */
  private static void checkReplaceable(Staged s) throws IOException {
    if (!s.directory()) {
      if (Files.isDirectory(s.target())) {
        throw new AkException(s.target() + ": is a directory, expected a file name");
      }
      return;
    }
    if (!Files.exists(s.target())) {
      return;
    }
    if (!Files.isDirectory(s.target())) {
      throw new AkException(s.target() + ": exists and is not a directory");
    }
    try (Stream<Path> list = Files.list(s.temp())) {
      for (Path entry : list.toList()) {
        Path dest = s.target().resolve(entry.getFileName().toString());
        if (Files.exists(dest) && Files.isDirectory(dest) != Files.isDirectory(entry)) {
          throw new AkException(dest + ": exists as a " + (Files.isDirectory(dest) ? "directory" : "file")
              + ", cannot be replaced by a " + (Files.isDirectory(entry) ? "directory" : "file"));
        }
      }
    }
  }

  /** Moves each entry of {@code from} into the existing folder {@code into}, replacing namesakes. */
  private static void mergeInto(Path from, Path into) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(from)) {
      entries = list.sorted().toList();
    }
    for (Path entry : entries) {
      Path dest = into.resolve(entry.getFileName().toString());
      if (Files.isDirectory(dest) && !Files.isSymbolicLink(dest)) {
        Path aside = Files.createTempDirectory(into, "." + dest.getFileName() + ".old.");
        Path old = aside.resolve("old");
        Files.move(dest, old);
        AtomicFiles.move(entry, dest);
        deleteTree(aside);
      } else {
        AtomicFiles.move(entry, dest);
      }
    }
    Files.delete(from);
  }

  private synchronized void discard() {
    for (Staged s : staged) {
      for (int attempt = 0; attempt < 3; attempt++) { // again if a writer added a file meanwhile
        try {
          deleteTree(s.temp());
          ExitCleanup.unregister(s.temp());
          break;
        } catch (IOException ignored) {
          // best effort: the error that stopped the command matters more
        }
      }
    }
    staged.clear();
    if (!done) {
      for (int i = createdParents.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(createdParents.get(i)); // only if still empty
        } catch (IOException notEmpty) {
          synchronized (LEFT) {
            for (int j = i; j >= 0; j--) {
              LEFT.add(createdParents.get(j));
            }
          }
          break;
        }
      }
    }
    createdParents.clear();
    done = true;
  }

  /** Discards every uncommitted set of outputs (at exit, by {@link ExitCleanup}). */
  static void discardAllOpen() {
    List<StagedOutputs> open;
    synchronized (OPEN) {
      open = new ArrayList<>(OPEN);
    }
    open.forEach(StagedOutputs::close);
  }

  /**
   * Tries the created folders left by discards again (each only if empty, deepest first) until none
   * is left or {@code waitMillis} have passed; true when none is left.
   */
  static boolean deleteLeftParents(long waitMillis) {
    long deadline = System.nanoTime() + waitMillis * 1_000_000;
    while (true) {
      synchronized (LEFT) {
        while (!LEFT.isEmpty()) {
          try {
            Files.deleteIfExists(LEFT.get(0));
            LEFT.remove(0);
          } catch (IOException notEmpty) {
            break;
          }
        }
        if (LEFT.isEmpty()) {
          return true;
        }
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** Deletes {@code root} and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
