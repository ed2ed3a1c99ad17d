package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.afterkernel.data.TestData;
import org.afterkernel.io.StagedOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT (a scheduler's kill, Ctrl-C) at random moments, and at the moment a
 * second-level temporary file exists, to real {@code ak kernel}, {@code features}, {@code train}
 * and {@code experiment} processes: a process stopped before it published leaves its folder as it
 * was (no hidden temporary file, no folder it created); one that finished first published all.
 */
class SignalsTest {
  @TempDir Path dir;

  private final String data = TestData.sharedDataDir().toString();
  private final Random random = new Random(20261204);

  /** Every path under {@code root}, relative, hidden ones included, sorted. */
  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  private static boolean anyTemporary(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith("."));
    }
  }

  private static Process start(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-cp", System.getProperty("java.class.path"), "org.afterkernel.cli.Main", "--threads", "1"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    pb.environment().put("AK_NO_TTY", "1");
    return pb.start();
  }

  private static void signal(Process p, boolean interrupt) throws Exception {
    if (interrupt) {
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    } else {
      p.destroy(); // SIGTERM
    }
  }

  /**
   * Runs {@code args} (whose outputs go under {@code dir/new/}) {@code trials} times, signalled at
   * a random moment up to {@code maxMillis}, or (the first trial) once a hidden temporary exists;
   * returns how many runs the signal stopped.
   */
  private int stop(List<String> args, int trials, int maxMillis, List<String> published) throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    List<String> before = tree(dir);
    int stopped = 0;
    for (int t = 0; t < trials; t++) {
      Process p = start(args);
      try {
        if (t == 0) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
          while (p.isAlive() && !anyTemporary(dir) && System.nanoTime() < deadline) {
            Thread.sleep(2);
          }
        } else {
          p.waitFor(500 + random.nextInt(maxMillis), TimeUnit.MILLISECONDS);
        }
        signal(p, t % 2 == 1);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the process ends after the signal");
      } finally {
        p.destroyForcibly().waitFor();
      }
      if (p.exitValue() == 0) {
        List<String> after = tree(dir);
        assertTrue(after.containsAll(published), args + ": finished before the signal but published only " + after);
        StagedOutputs.deleteTree(dir.resolve("new")); // for the next trial
      } else {
        stopped++;
        assertEquals(before, tree(dir), args + ", trial " + t + " (exit " + p.exitValue() + "): as before");
      }
    }
    return stopped;
  }

  @Test
  void kernel() throws Exception {
    int stopped = stop(List.of("kernel", "--arch", "mlp", "--width", "16", "--split", "train", "--first", "3000",
        "--data-dir", data, "--out", dir.resolve("new/k/G.npy").toString()), 3, 6000,
        List.of("new/k/G.npy", "new/k/G.json"));
    assertTrue(stopped >= 1, "at least the first run was stopped");
  }

  @Test
  void features() throws Exception {
    int stopped = stop(List.of("features", "--arch", "mlp", "--width", "16", "--split", "train", "--first", "3000",
        "--data-dir", data, "--out", dir.resolve("new/f/X.npy").toString(), "--labels-out",
        dir.resolve("new/f/y.npy").toString()), 3, 6000, List.of("new/f/X.npy", "new/f/X.json", "new/f/y.npy"));
    assertTrue(stopped >= 1, "at least the first run was stopped");
  }

  @Test
  void train() throws Exception {
    int stopped = stop(List.of("train", "--arch", "mlp", "--epochs", "3", "--first", "2000", "--data-dir", data,
        "--out", dir.resolve("new/m").toString()), 3, 6000, List.of("new/m/train.json", "new/m/weights.npz"));
    assertTrue(stopped >= 1, "at least the first run was stopped");
  }

  @Test
  void experiment() throws Exception {
    int stopped = stop(List.of("experiment", "--preset", "mlp", "--width", "8", "--max-num-epochs", "2",
        "--train-examples", "500", "--test-examples", "100", "--svm-iterations", "50", "--num-swaps", "20",
        "--data-dir", data, "--out", dir.resolve("new/e/r.json").toString(), "--test-accuracy-output",
        dir.resolve("new/e/t.tsv").toString(), "--model-summary-output", dir.resolve("new/e/s.txt").toString()), 3, 6000,
        List.of("new/e/r.json", "new/e/t.tsv", "new/e/s.txt"));
    assertTrue(stopped >= 1, "at least the first run was stopped");
  }
}
