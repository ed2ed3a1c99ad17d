package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results folders shared by several real {@code ak sweep run} processes of one definition at once
 * (the documented way to run parts of a sweep in parallel, and what a requeue does while the old
 * task still lives): no cell is lost, none is recorded or computed twice, no line is torn, the
 * values equal one process's; {@code ak sweep merge} beside a running sweep loses nothing; a cell
 * claimed by a process killed with SIGKILL is computed by the next run.
 */
class SharedResultsTest {
  private static final Pattern RAN = Pattern.compile("ran \\d+ task\\(s\\): (\\d+) cell\\(s\\) done, (\\d+) failed");

  private static final int CELLS = 18;

  @TempDir Path dir;

  /** 18 cheap cells in 6 trajectories: MLPs of 2 widths, epochs 0-2, 3 runs. */
  private Path sweep() throws IOException {
    Path f = dir.resolve("shared.json");
    Files.writeString(f, "{\"name\": \"shared\", \"runs\": 3, \"base\": {\"preset\": \"mlp\", \"train-examples\": 100,"
        + " \"test-examples\": 40, \"train-linear-model\": true, \"svm-iterations\": 20, \"num-swaps\": 10},"
        + " \"cases\": [{\"width\": 4}, {\"width\": 6}], \"grid\": {\"max-num-epochs\": [0, 1, 2]}}");
    return f;
  }

  private static Process run(Path sweep, Path out, Path log, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("--threads", "1"));
    args.addAll(List.of(extra));
    return SweepTestSupport.start(sweep, out, log, args.toArray(new String[0]));
  }

  private static void finish(Process p, Path log) throws Exception {
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the sweep process ends");
    assertEquals(0, p.exitValue(), Files.readString(log));
  }

  /** Cells each log says its process computed. */
  private static int computed(Path log) throws IOException {
    Matcher m = RAN.matcher(Files.readString(log));
    assertTrue(m.find(), Files.readString(log));
    return Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
  }

  private static Map<String, JsonNode> checkComplete(Path out, int cells) throws IOException {
    Path file = out.resolve("results.jsonl");
    assertTrue(Files.readString(file).endsWith("\n"), "no torn last line");
    ResultsFile results = new ResultsFile(file);
    List<ObjectNode> lines = results.read();
    assertEquals(List.of(), results.skipped(), "every line is whole JSON");
    assertEquals(cells, lines.size(), "one line per cell");
    assertEquals(List.of(), claimFiles(out), "no claim left behind");
    return SweepTestSupport.valuesByCell(lines); // fails on a cell recorded twice
  }

  private static List<Path> claimFiles(Path out) throws IOException {
    Path claims = out.resolve(CellClaims.FOLDER);
    if (!Files.isDirectory(claims)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(claims)) {
      return s.toList();
    }
  }

  @Test
  void concurrentRunsOfOneDefinitionNeitherLoseNorDuplicateWork() throws Exception {
    Path sweep = sweep();
    Path reference = dir.resolve("reference");
    Path refLog = dir.resolve("reference.log");
    finish(run(sweep, reference, refLog), refLog);
    Map<String, JsonNode> expected = checkComplete(reference, CELLS);

    // Two trials of three whole runs at once, then one of three --where parts and a whole run.
    List<List<String[]>> trials = List.of(
        List.of(new String[0], new String[0], new String[0]),
        List.of(new String[0], new String[0], new String[0]),
        List.of(new String[] {"--where", "run=0"}, new String[] {"--where", "run=1"},
            new String[] {"--where", "run=2"}, new String[0]));
    for (int t = 0; t < trials.size(); t++) {
      Path out = dir.resolve("trial-" + t);
      List<Process> procs = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 0; i < trials.get(t).size(); i++) {
        Path log = dir.resolve("trial-" + t + "-" + i + ".log");
        logs.add(log);
        procs.add(run(sweep, out, log, trials.get(t).get(i)));
      }
      int total = 0;
      for (int i = 0; i < procs.size(); i++) {
        finish(procs.get(i), logs.get(i));
        total += computed(logs.get(i));
      }
      assertEquals(expected, checkComplete(out, CELLS), "trial " + t + ": as one process measured them");
      assertEquals(CELLS, total, "trial " + t + ": every cell computed once, by one process");
    }
  }

  @Test
  void mergingBesideARunningSweepLosesNothing() throws Exception {
    Path sweep = sweep();
    Path out = dir.resolve("merged");
    Path log = dir.resolve("merged.log");
    Process p = run(sweep, out, log);
    int merges = 0;
    try {
      while (p.isAlive()) {
        List<Path> files = SweepFiles.resultFiles(out);
        if (!files.isEmpty()) {
          SweepFiles.merge(files, out.resolve("results.jsonl"));
          merges++;
        }
        Thread.sleep(20);
      }
    } finally {
      finish(p, log);
    }
    assertTrue(merges > 5, merges + " merges while the sweep ran");
    checkComplete(out, CELLS);
  }

  @Test
  void aCellClaimedByAKilledProcessIsComputedByTheNextRun() throws Exception {
    Path sweep = sweep();
    Path out = dir.resolve("killed");
    Process p = run(sweep, out, dir.resolve("killed-1.log"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (claimFiles(out).isEmpty() || !Files.exists(out.resolve("results.jsonl"))) {
        assertTrue(p.isAlive(), "the sweep ended before it was killed");
        assertTrue(System.nanoTime() < deadline, "no claim within 300 s");
        Thread.sleep(10);
      }
    } finally {
      p.destroyForcibly().waitFor(); // SIGKILL: its claim files stay, without their locks
    }
    assertTrue(!claimFiles(out).isEmpty(), "the killed process left claim files");
    Path log = dir.resolve("killed-2.log");
    finish(run(sweep, out, log), log);
    checkComplete(out, CELLS);
  }
}
