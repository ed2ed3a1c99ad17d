package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.afterkernel.data.TestData;
import org.afterkernel.plot.ResultLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that write several files or a folder publish all of them or none: a run that fails
 * (or is interrupted) leaves nothing, not even hidden temporary files or the parents it created.
 */
class NothingHalfWrittenTest {
  @TempDir Path dir;

  private static String data() {
    return TestData.sharedDataDir().toString();
  }

  /** Every path under {@code root}, relative, hidden ones included, sorted. */
  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aTrainingRunThatDivergesLeavesNoModelFolder() throws IOException {
    Path out = dir.resolve("new/m");
    CliTestSupport.Run r = ak("train", "--arch", "mlp", "--lr", "1e30", "--epochs", "1", "--first", "96",
        "--data-dir", data(), "--out", out.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("ak: error: training diverged"), r.err());
    assertEquals(List.of(), tree(dir), "no m/, no m/network.json, no weights-initial.npz, no new/");

    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    CliTestSupport.Run again = ak("train", "--arch", "mlp", "--lr", "1e30", "--epochs", "1", "--first", "96",
        "--data-dir", data(), "--out", out.toString());
    assertEquals(1, again.exitCode());
    assertEquals(List.of("new", "new/m", "new/m/notes.txt"), tree(dir), "an existing folder is left as it was");
  }

  @Test
  void aTrainingRunThatSucceedsWritesTheWholeFolderAndNoTemporaryFiles() throws IOException {
    Path out = dir.resolve("m");
    CliTestSupport.Run r = ak("train", "--arch", "mlp", "--width", "4", "--epochs", "1", "--first", "64",
        "--data-dir", data(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> top = tree(dir).stream().filter(p -> !p.startsWith("m/savedmodel/")).toList();
    assertEquals(List.of("m", "m/network.json", "m/savedmodel", "m/train.json", "m/weights-initial.npz",
        "m/weights.npz"), top);
    assertTrue(Files.isRegularFile(out.resolve("savedmodel/saved_model.pb")));
  }

  @Test
  void aTrainingRunStoppedBySigtermLeavesNothing() throws Exception {
    Path out = dir.resolve("m");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.afterkernel.cli.Main", "train", "--arch", "mlp",
        "--epochs", "1000", "--data-dir", data(), "--out", out.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    pb.environment().put("AK_NO_TTY", "1");
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!stagedInitialWeights(dir)) {
        assertTrue(p.isAlive(), "ak train ended before training");
        assertTrue(System.nanoTime() < deadline, "no staged weights-initial.npz within 120 s");
        Thread.sleep(100);
      }
      p.destroy(); // SIGTERM, as Ctrl-C or a scheduler's kill
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ak train stopped");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(List.of(), tree(dir));
  }

  private static boolean stagedInitialWeights(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.anyMatch(d -> d.getFileName().toString().startsWith(".m.")
          && Files.isRegularFile(d.resolve("weights-initial.npz")));
    }
  }

  @Test
  void featuresWhoseLabelsCannotBeWrittenLeaveNeitherFeaturesNorSidecar() throws IOException {
    Path out = dir.resolve("x.npy");
    Files.createDirectories(dir.resolve("y.npy")); // a folder where the labels would go
    CliTestSupport.Run r = ak("features", "--arch", "mlp", "--width", "4", "--split", "test", "--first", "8",
        "--data-dir", data(), "--out", out.toString(), "--labels-out", dir.resolve("y.npy").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("ak: error: " + dir.resolve("y.npy") + ": is a directory, expected a file name", r.err().strip());
    assertEquals(List.of("y.npy"), tree(dir));
  }

  @Test
  void aKernelWhoseSidecarCannotBeWrittenLeavesNoGramMatrix() throws IOException {
    Files.createDirectories(dir.resolve("g.json"));
    CliTestSupport.Run r = ak("kernel", "--arch", "mlp", "--width", "4", "--split", "test", "--first", "8",
        "--data-dir", data(), "--out", dir.resolve("g.npy").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("g.json: is a directory, expected a file name"), r.err());
    assertEquals(List.of("g.json"), tree(dir));
  }

  @Test
  void aPlotThatCannotPublishEveryPanelPublishesNone() throws IOException {
    Path results = ResultLines.write(dir.resolve("fig02/results.jsonl"), new ResultLines("fig02-test", 2).figure2());
    Path figs = dir.resolve("figs");
    Files.createDirectories(figs.resolve("fig02b.svg"));
    Files.writeString(figs.resolve("fig01a.png"), "another figure");
    CliTestSupport.Run r = ak("plot", results.toString(), "--figure", "2", "--out", figs.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("ak: error: " + figs.resolve("fig02b.svg") + ": exists as a directory, cannot be replaced by a file",
        r.err().strip());
    assertEquals(List.of("fig01a.png", "fig02b.svg"), tree(figs), "fig02a.* not published alone");

    CliTestSupport.Run ok = ak("plot", results.toString(), "--figure", "2", "--out", dir.resolve("new/figs").toString());
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(List.of("fig02a.csv", "fig02a.png", "fig02a.svg", "fig02b.csv", "fig02b.png", "fig02b.svg"),
        tree(dir.resolve("new/figs")));
  }

  @Test
  void aReportThatFailsLeavesNothing() throws IOException {
    Path results = ResultLines.write(dir.resolve("fig02/results.jsonl"), new ResultLines("fig02-test", 2).figure2());
    CliTestSupport.Run missing = ak("report", results.toString(), dir.resolve("absent").toString(),
        "--out", dir.resolve("new/report.html").toString());
    assertEquals(1, missing.exitCode());
    Files.createDirectories(dir.resolve("taken.html"));
    CliTestSupport.Run taken = ak("report", results.toString(), "--out", dir.resolve("taken.html").toString());
    assertEquals(1, taken.exitCode());
    assertEquals("ak: error: " + dir.resolve("taken.html") + ": is a directory, expected a file name",
        taken.err().strip());
    assertEquals(List.of("fig02", "fig02/results.jsonl", "taken.html"), tree(dir));
  }
}
