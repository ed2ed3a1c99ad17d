package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.afterkernel.data.TestData;
import org.afterkernel.sweep.ResultsFile;
import org.afterkernel.sweep.SweepTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that fail for lack of room, in real processes whose file size is limited ({@code ulimit
 * -f}: a write beyond it fails as on a full disk; the JVM ignores SIGXFSZ): a sweep keeps whole
 * lines only and stops with one line (its failed append is not recorded as the cell's failure),
 * then resumes to every cell once; an experiment or a kernel publishes nothing.
 */
class FullDiskTest {
  @TempDir Path dir;

  private final String data = TestData.sharedDataDir().toString();

  private record Run(int exit, String output) {}

  /** {@code ak args...} in a JVM whose files may not exceed {@code kilobytes}; output through a pipe. */
  private static Run limited(int kilobytes, String... args) throws Exception {
    StringBuilder cmd = new StringBuilder("ulimit -f " + kilobytes + " && exec '"
        + Path.of(System.getProperty("java.home"), "bin", "java") + "' -XX:-UsePerfData -Xmx1g -cp '"
        + System.getProperty("java.class.path") + "' org.afterkernel.cli.Main --threads 1");
    for (String a : args) {
      cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
    }
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd.toString()).redirectErrorStream(true);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    pb.environment().put("AK_NO_TTY", "1");
    pb.environment().remove("AK_THREADS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS));
    return new Run(p.exitValue(), CliTestSupport.withoutTensorFlowLog(out));
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  private static List<String> errors(String output) {
    return output.lines().filter(l -> l.startsWith("ak: error:") || l.contains("Exception") || l.contains("\tat "))
        .toList();
  }

  @Test
  void aSweepKeepsWholeLinesStopsInOneLineAndResumes() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "full", 1, ""); // 6 cells of ~4 KB lines
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Run r = limited(12, "sweep", "run", sweep.toString(), "--out", out.toString(), "--data-dir", data);
    assertEquals(1, r.exit(), r.output());
    List<String> errors = errors(r.output());
    assertEquals(1, errors.size(), r.output());
    assertTrue(errors.get(0).startsWith("ak: error: cannot append to " + out.resolve("results.jsonl")), errors.get(0));
    String text = Files.readString(out.resolve("results.jsonl"));
    assertTrue(text.isEmpty() || text.endsWith("\n"), "no partial line");
    ResultsFile file = new ResultsFile(out.resolve("results.jsonl"));
    int kept = file.read().size();
    assertEquals(List.of(), file.skipped());
    assertTrue(kept < 6, kept + " lines fit");
    assertTrue(file.read().stream().allMatch(n -> n.path("status").asText().equals("done")),
        "the failed append is not recorded as a failed cell");
    assertFalse(Files.exists(out.resolve(".ak-claims")) && !tree(out.resolve(".ak-claims")).isEmpty(), "no claim left");

    CliTestSupport.Run resumed = CliTestSupport.akProcess(java.util.Map.of(), "--threads", "1", "sweep", "run",
        sweep.toString(), "--out", out.toString(), "--data-dir", data);
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains(kept + " already finished"), resumed.out());
    assertEquals(6, SweepTestSupport.valuesByCell(file.read()).size(), "every cell once");
  }

  @Test
  void anExperimentThatCannotWriteItsResultPublishesNothing() throws Exception {
    Path tsv = dir.resolve("rows.tsv");
    Files.writeString(tsv, "earlier row\n");
    List<String> before = tree(dir);
    Run r = limited(4, "experiment", "--preset", "sum", "--num-parameters", "16", "--max-num-epochs", "0",
        "--num-runs", "3", "--train-examples", "50", "--test-examples", "20", "--svm-iterations", "5", "--num-swaps",
        "4", "--data-dir", data, "--out", dir.resolve("new/r.json").toString(), "--test-accuracy-output",
        tsv.toString(), "--model-summary-output", dir.resolve("new/s.txt").toString());
    assertEquals(1, r.exit(), r.output());
    assertEquals(1, errors(r.output()).size(), r.output());
    assertEquals(before, tree(dir), "no JSON, no summary, no folder, no temporary file");
    assertEquals("earlier row\n", Files.readString(tsv), "no row");
  }

  @Test
  void aKernelThatCannotBeWrittenLeavesNothing() throws Exception {
    List<String> before = tree(dir);
    Run r = limited(100, "kernel", "--arch", "mlp", "--width", "4", "--split", "test", "--first", "500",
        "--data-dir", data, "--out", dir.resolve("new/G.npy").toString());
    assertEquals(1, r.exit(), r.output());
    assertEquals(1, errors(r.output()).size(), r.output());
    assertEquals(before, tree(dir));
  }
}
