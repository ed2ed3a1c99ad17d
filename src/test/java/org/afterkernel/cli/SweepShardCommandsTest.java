package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.afterkernel.sweep.SweepTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards on the command line as a cluster runs them: each with {@code --merge-when-complete}, the
 * last one merging; {@code ak sweep status} per shard; {@code ak sweep compare} against a
 * single-process run.
 */
class SweepShardCommandsTest {
  @TempDir Path dir;

  @Test
  void theLastShardToFinishMergesAndTheMergeEqualsOneProcess() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "last", 1, ""); // 2 training tasks of 3 cells
    String data = TestData.sharedDataDir().toString();
    Path single = dir.resolve("single");
    Path out = dir.resolve("sharded");
    assertEquals(0, CliTestSupport.ak("sweep", "run", sweep.toString(), "--out", single.toString(), "--data-dir",
        data).exitCode());

    CliTestSupport.Run first = CliTestSupport.ak("sweep", "run", sweep.toString(), "--out", out.toString(),
        "--data-dir", data, "--shard", "1/2", "--merge-when-complete");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("3 of 6 cell(s) recorded: not merging yet"), first.out());
    assertFalse(Files.exists(out.resolve("results.jsonl")));

    CliTestSupport.Run status = CliTestSupport.ak("sweep", "status", sweep.toString(), "--out", out.toString());
    assertEquals(0, status.exitCode(), status.err());
    assertTrue(status.out().contains("cells: 3 done, 0 failed, 3 remaining of 6"), status.out());
    assertTrue(status.out().contains("shard 1/2: 3 of 3 cell(s) recorded (3 done, 0 failed), finished, last line at "),
        status.out());
    assertTrue(status.out().contains(
        "shard 2/2: 0 of 3 cell(s) recorded (0 done, 0 failed), not started (no results.shard-2-of-2.jsonl)"),
        status.out());

    CliTestSupport.Run second = CliTestSupport.ak("sweep", "run", sweep.toString(), "--out", out.toString(),
        "--data-dir", data, "--shard", "2/2", "--merge-when-complete");
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("all 6 cell(s) recorded: merged 2 file(s) into " + out.resolve("results.jsonl")
        + " (6 cell(s))"), second.out());

    CliTestSupport.Run same = CliTestSupport.ak("sweep", "compare", out.resolve("results.jsonl").toString(),
        single.toString());
    assertEquals(0, same.exitCode(), same.out() + same.err());
    assertTrue(same.out().contains("agree: 6 cell(s)"), same.out());

    // One measure moved to the next double: compare must notice.
    List<String> lines = Files.readAllLines(single.resolve("results.jsonl"));
    ObjectNode first0 = (ObjectNode) Json.MAPPER.readTree(lines.get(0));
    ObjectNode values = (ObjectNode) first0.get("values");
    String key = values.fieldNames().next();
    values.put(key, Math.nextUp(values.get(key).asDouble()));
    String changed = Json.toLine(first0);
    Path tampered = dir.resolve("tampered.jsonl");
    Files.writeString(tampered, changed + "\n" + String.join("\n", lines.subList(1, lines.size())) + "\n");
    CliTestSupport.Run differ = CliTestSupport.ak("sweep", "compare", out.toString(), tampered.toString());
    assertEquals(1, differ.exitCode(), differ.out());
    assertTrue(differ.out().contains(": values {"), differ.out());
    assertTrue(differ.err().contains("differ in 1 cell(s) (of 6 and 6)"), differ.err());
  }

  @Test
  void whereThatMatchesNoCellIsRefusedAndWritesNothing() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "none", 1, "");
    Path out = dir.resolve("none-out");
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "run", sweep.toString(), "--out", out.toString(), "--data-dir",
        TestData.sharedDataDir().toString(), "--where", "preset=vgg");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("--where preset=vgg: no cell of sweep none matches"), r.err());
    assertFalse(Files.exists(out.resolve("results.jsonl")));
  }

  /** In a JVM of its own, as tools/ak runs it: a command whose last output is print(), not println(). */
  @Test
  void summarizePrintsItsTableInAProcessOfItsOwn() throws Exception {
    Path sweep = SweepTestSupport.writeSweep(dir, "table", 1, "");
    Path out = dir.resolve("table-out");
    assertEquals(0, CliTestSupport.ak("sweep", "run", sweep.toString(), "--out", out.toString(), "--data-dir",
        TestData.sharedDataDir().toString()).exitCode());
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "org.afterkernel.cli.Main", "sweep", "summarize", out.toString(),
        "--measures", "linear_error").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    List<String> rows = text.lines().filter(l -> l.contains("linear_error") && l.endsWith("(n=1)")).toList();
    assertEquals(6, rows.size(), "one row per setting (2 cases x 3 epoch counts): " + text);
  }
}
