package org.afterkernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The property every fuzz test of a reader checks: an input either parses or is refused with an
 * {@link AkException} whose message is one short line; never another exception (a finding for
 * Jazzer) and never an allocation larger than the input justifies.
 *
 * <p>Allocations are measured with the JVM's per-thread allocation counter (all Java objects the
 * reader allocates while it runs, garbage included; not TensorFlow's native memory). An input is also
 * a finding when it takes longer than {@link #MAX_NANOS} (a hang). The allowance
 * is {@code perByte} times the input's length, plus {@link #SLACK} for a reader's fixed buffers:
 * a 100-byte header that claims 10^12 elements must be refused before anything of that size is
 * allocated.
 *
 * <p>Inputs are written to files in one temporary directory per JVM (the readers read files).
 */
public final class Fuzzing {
  /** Fixed allowance: buffers of a few MB that readers allocate whatever the input. */
  public static final long SLACK = 48L << 20;
  /** Longest time one input may take (after its first run, which may load classes). */
  public static final long MAX_NANOS = 10_000_000_000L;
  /** Longest message accepted: errors name the file and the field, not the whole input. */
  public static final int MAX_MESSAGE = 1000;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final Path DIR = createDir();

  private Fuzzing() {}

  /** Something a reader does with an input. */
  @FunctionalInterface
  public interface Read {
    void run() throws Exception;
  }

  /**
   * Runs {@code read}; passes when it returns or throws a one-line {@link AkException}, and when
   * it allocated at most {@code perByte * inputBytes + SLACK} bytes. Anything else is rethrown or
   * an {@link AssertionError}.
   */
  public static void check(long inputBytes, double perByte, Read read) throws Exception {
    long allowed = (long) (perByte * inputBytes) + SLACK;
    long t0 = System.nanoTime();
    long allocated = measured(read);
    if (allocated > allowed || System.nanoTime() - t0 > MAX_NANOS) {
      // The first use of a code path loads classes (and Jazzer rewrites them) in this thread; the
      // reader is deterministic, so a second run counts only what the reader itself allocates.
      t0 = System.nanoTime();
      allocated = measured(read);
      long nanos = System.nanoTime() - t0;
      if (nanos > MAX_NANOS) {
        throw new AssertionError("took " + nanos / 1e9 + " s for a " + inputBytes + "-byte input");
      }
    }
    if (allocated > allowed) {
      throw new AssertionError("allocated " + allocated + " bytes for a " + inputBytes + "-byte input (allowed "
          + allowed + ")");
    }
  }

  private static long measured(Read read) throws Exception {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      read.run();
    } catch (AkException e) {
      String m = e.getMessage();
      if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
        throw new AssertionError("not a one-line message: " + m, e);
      }
      if (m.length() > MAX_MESSAGE + DIR.toString().length()) {
        throw new AssertionError("a " + m.length() + "-character message: " + m.substring(0, 300) + "...", e);
      }
    }
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  /** Writes {@code data} to {@code name} in the fuzzing directory and returns its path. */
  public static Path write(String name, byte[] data) {
    Path p = DIR.resolve(name);
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** A fresh empty directory {@code name} under the fuzzing directory. */
  public static Path emptyDir(String name) {
    Path d = DIR.resolve(name);
    deleteTree(d);
    try {
      return Files.createDirectories(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test resource file {@code path} (under src/test/resources), as bytes. */
  public static byte[] resource(String path) {
    try (var in = Fuzzing.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createDir() {
    try {
      Path d = Files.createTempDirectory("ak-fuzz-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(d)));
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path d) {
    if (!Files.exists(d)) {
      return;
    }
    try (Stream<Path> s = Files.walk(d)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
