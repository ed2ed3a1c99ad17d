package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.afterkernel.data.TestData;
import org.afterkernel.io.JsonLines;
import org.afterkernel.sweep.SweepTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-line errors before any work, a test per class of defect: output paths that cannot be
 * written, sweep names that would leave results/, definitions too large for memory, networks too
 * large for memory, a bad AK_THREADS, and the small silent behaviours of config files and results
 * (duplicate keys, fractions and nulls for whole numbers, unknown measures, unterminated lines).
 */
class EarlyChecksTest {
  @TempDir Path dir;

  private final String data = TestData.sharedDataDir().toString();

  /** Exit 1 or 2 with one line, the expected one, and no stack trace. */
  private static void oneLine(CliTestSupport.Run r, int exit, String expected) {
    assertEquals(exit, r.exitCode(), r.out() + r.err());
    String err = CliTestSupport.withoutTensorFlowLog(r.err()).strip();
    assertEquals(1, err.lines().count(), err);
    assertEquals(expected, err);
  }

  @Test
  void sweepOutputsAndNamesAreCheckedBeforeAnyCell() throws IOException {
    Path sweep = SweepTestSupport.writeSweep(dir, "early", 1, "");
    Path file = dir.resolve("taken");
    Files.writeString(file, "mine");
    CliTestSupport.Run r = ak("sweep", "run", sweep.toString(), "--out", file.toString(), "--data-dir", data);
    oneLine(r, 1, "ak: error: " + file + ": exists and is not a folder (expected a results folder for --out)");
    assertFalse(r.out().contains("cell"), "no cell computed: " + r.out());
    assertEquals("mine", Files.readString(file));
    oneLine(ak("sweep", "run", sweep.toString(), "--out", file.resolve("sub").toString(), "--data-dir", data), 1,
        "ak: error: " + file + ": exists and is not a folder (expected a results folder for --out)");

    for (String name : List.of("..", ".", "a/b", "x".repeat(201))) {
      Path s = dir.resolve("named.json");
      Files.writeString(s, "{\"name\": \"" + name + "\", \"runs\": 1, \"base\": {\"preset\": \"sum\"}}");
      CliTestSupport.Run bad = ak("sweep", "run", s.toString(), "--data-dir", data);
      assertEquals(1, bad.exitCode(), name);
      assertTrue(bad.err().strip().startsWith("ak: error: " + s + ": name '"), bad.err());
      assertTrue(bad.err().strip().endsWith("must be 1 to 200 letters, digits, '.', '_' and '-', and not '.' or"
          + " '..' (it names a folder in results/)"), bad.err());
    }
  }

  @Test
  void aDefinitionTooLargeForMemoryIsRefusedAtLoad() throws IOException {
    Path s = dir.resolve("huge.json");
    StringBuilder values = new StringBuilder("[0");
    for (int i = 1; i < 3000; i++) {
      values.append(',').append(i);
    }
    values.append(']');
    Files.writeString(s, "{\"name\": \"huge\", \"runs\": 1000, \"base\": {\"preset\": \"sum\"}, \"grid\": {"
        + "\"max-num-epochs\": " + values + ", \"seed\": " + values + "}}");
    CliTestSupport.Run r = ak("sweep", "status", s.toString());
    assertEquals(1, r.exitCode());
    assertTrue(r.err().strip().startsWith("ak: error: " + s + ": 9000000000 cells (1 case(s) x 3000 x 3000 grid"
        + " point(s) x 1000 run(s)), more than this JVM holds"), r.err());
    assertEquals(1, r.err().strip().lines().count());
  }

  @Test
  void aNetworkTooLargeForMemoryIsRefusedInOneLine() {
    CliTestSupport.Run r = ak("train", "--arch", "mlp", "--width", "1000000", "--epochs", "1", "--first", "8",
        "--data-dir", data, "--out", dir.resolve("m").toString());
    oneLine(r, 1, "ak: error: mlp(width=1000000, layers=4) on 28x28x1: variable dense_1/kernel has"
        + " 1,000,000,000,000 scalars, more than one array can hold (2^31 - 9): use a smaller --width or"
        + " --num-parameters");
    assertFalse(Files.exists(dir.resolve("m")));
  }

  @Test
  void aBadAkThreadsIsNamedAsSuchAndLeavesHelpAndVersionAlone() throws Exception {
    CliTestSupport.Run version = CliTestSupport.akProcess(Map.of("AK_THREADS", "abc"), "--version");
    assertEquals(0, version.exitCode(), version.err());
    assertTrue(version.out().startsWith("afterkernel "), version.out());
    CliTestSupport.Run info = CliTestSupport.akProcess(Map.of("AK_THREADS", "-2"), "info");
    oneLine(info, 2, "ak: error: environment variable AK_THREADS is '-2', expected a whole number 0..4096"
        + " (0 = one per processor)");
    CliTestSupport.Run given = CliTestSupport.akProcess(Map.of("AK_THREADS", "abc"), "--threads", "1", "info");
    assertEquals(0, given.exitCode(), "--threads wins over AK_THREADS: " + given.err());
  }

  @Test
  void configFilesRefuseDuplicateKeysFractionsAndNullsForNumbers() throws IOException {
    Path dup = dir.resolve("dup.json");
    Files.writeString(dup, "{\"seed\": 1,\n \"seed\": 2}");
    CliTestSupport.Run d = ak("experiment", "--config", dup.toString(), "--data-dir", data);
    assertEquals(1, d.exitCode());
    assertTrue(d.err().startsWith("ak: error: " + dup + ": not valid JSON: Duplicate field 'seed'"), d.err());
    Path fraction = dir.resolve("f.json");
    Files.writeString(fraction, "{\"seed\": 1.5}");
    CliTestSupport.Run f = ak("experiment", "--config", fraction.toString(), "--data-dir", data);
    assertEquals(1, f.exitCode());
    assertTrue(f.err().startsWith("ak: error: experiment option 'seed': "), f.err());
    assertTrue(f.err().contains("1.5"), f.err());
    Path nul = dir.resolve("n.json");
    Files.writeString(nul, "{\"seed\": null}");
    oneLine(ak("experiment", "--config", nul.toString(), "--data-dir", data), 1, "ak: error: " + nul
        + ": 'seed' is null, expected a number (leave it out for the default, 1)");
    Path sweep = dir.resolve("s.json");
    Files.writeString(sweep, "{\"name\": \"s\", \"runs\": 1, \"base\": {\"preset\": \"sum\", \"seed\": null}}");
    CliTestSupport.Run s = ak("sweep", "status", sweep.toString());
    assertEquals(1, s.exitCode());
    assertTrue(s.err().contains("'seed' is null, expected a number (leave it out for the default, 1)"), s.err());
  }

  @Test
  void summarizeRefusesAnUnknownMeasure() throws IOException {
    Path results = dir.resolve("r.jsonl");
    Files.writeString(results, "");
    oneLine(ak("sweep", "summarize", results.toString(), "--measures", "nn_eror"), 2, "ak: error: --measures: no"
        + " measure 'nn_eror'; did you mean nn_error? (measures: " + String.join(", ", measureKeys())
        + ") (ak sweep summarize --help for usage)");
  }

  private static List<String> measureKeys() {
    return java.util.Arrays.stream(org.afterkernel.experiment.Measure.values())
        .map(org.afterkernel.experiment.Measure::key).toList();
  }

  @Test
  void aCompleteLastRecordWithoutNewlineIsRead() throws IOException {
    Path f = dir.resolve("records.jsonl");
    Files.writeString(f, "{\"step\": 1}\n{\"step\": 2}");
    List<JsonNode> lines = JsonLines.read(f);
    assertEquals(2, lines.size(), "the unterminated record is whole");
    Files.writeString(f, "{\"step\": 1}\n{\"step\": 2");
    assertEquals(1, JsonLines.read(f).size(), "a torn one is not");
  }
}
