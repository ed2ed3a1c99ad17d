package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;
import org.afterkernel.io.NpyArray;
import org.afterkernel.io.Npz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading results files: what a file that is not one is said to hold, and torn tails. */
class ResultsFileTest {
  @TempDir Path dir;

  private static final String EXPECTED = ": not a sweep's results file (expected a results.jsonl written by ak sweep"
      + " run, or a folder holding one); found ";

  private String refusal(Path file) {
    AkException e = assertThrows(AkException.class, () -> SweepFiles.readAll(SweepFiles.resultFiles(List.of(file))));
    return e.getMessage();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private static String cellLine(String text) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("schema", CellLine.SCHEMA);
    n.put("sweep", "s");
    n.put("cell", "c#0");
    n.put("sweepHash", "h");
    n.put("status", "failed");
    n.putObject("settings");
    n.put("error", text);
    return Json.toLine(n) + "\n";
  }

  @Test
  void binaryFilesAreNamedByWhatTheyAre() throws IOException {
    Path npy = dir.resolve("X.npy");
    Npy.writeFloats(npy, new long[] {2, 2}, new float[4]);
    assertEquals(npy + EXPECTED + "a NumPy .npy array", refusal(npy));
    Path npz = dir.resolve("w.npz");
    Npz.write(npz, Map.of("a", NpyArray.ofFloats(new long[] {1}, new float[1])));
    assertEquals(npz + EXPECTED + "a zip archive (such as .npz)", refusal(npz));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(cellLine("x").getBytes(StandardCharsets.UTF_8));
    }
    Path gzip = write("results.jsonl.gz", gz.toByteArray());
    assertEquals(gzip + EXPECTED + "gzip-compressed data", refusal(gzip));
    Path png = write("a.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    assertEquals(png + EXPECTED + "a PNG image", refusal(png));
    Path idx = write("labels", new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 3});
    assertEquals(idx + EXPECTED + "an IDX file (such as MNIST's)", refusal(idx));
    Path latin1 = write("latin1.txt", "caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(latin1 + EXPECTED + "binary data (not UTF-8 text)", refusal(latin1));
  }

  @Test
  void textAndJsonFilesAreNamedByWhatTheyHold() throws IOException {
    Path text = write("README.md", "# afterkernel\n\nmore\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(text + EXPECTED + "text that is not JSON lines (line 1: '# afterkernel')", refusal(text));
    Path sweep = write("fig01.json", ("{\n  \"name\": \"fig01-x\",\n  \"runs\": 2,\n  \"grid\": {\"max-num-epochs\":"
        + " [0, 1]}\n}\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(sweep + EXPECTED + "a sweep definition: run it with 'ak sweep run FILE' and plot its results folder"
        + " (results/fig01-x by default)", refusal(sweep));
    Path experiment = write("e.json", "{\"schema\": \"afterkernel.experiment/1\", \"config\": {}}\n"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(experiment + EXPECTED + "an ak experiment result (afterkernel.experiment/1), one experiment rather"
        + " than a sweep's cells", refusal(experiment));
    Path other = write("g.json", "{\"model\": 1, \"rows\": 2}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(other + EXPECTED + "a JSON object without \"schema\" (keys: model, rows)", refusal(other));
    Path array = write("a.json", "[1, 2]\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(array + EXPECTED + "a JSON array, not an object", refusal(array));
    Path mixed = write("m.jsonl", (cellLine("ok") + "{\"x\": 1}\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(mixed + EXPECTED + "JSON lines whose line 2 is a JSON object without \"schema\" (keys: x)",
        refusal(mixed));
  }

  /**
   * What an interrupted append (or an older version's unlocked appends from several processes)
   * leaves: a fragment between complete lines is skipped and reported, not fatal to every reader.
   */
  @Test
  void fragmentsBetweenCompleteLinesAreSkippedAndReported() throws IOException {
    Path torn = write("t.jsonl", (cellLine("a") + ":33:20.336552644Z\",\"choices\":{}}}\n" + cellLine("b")
        + "{\"broken\n" + "42\n" + cellLine("c")).getBytes(StandardCharsets.UTF_8));
    ResultsFile f = new ResultsFile(torn);
    List<ObjectNode> lines = f.read();
    assertEquals(List.of("a", "b", "c"), lines.stream().map(n -> n.get("error").asText()).toList());
    assertEquals(3, f.skipped().size(), f.skipped().toString());
    assertEquals("line 2 is not a JSON object (33 characters: ':33:20.336552644Z\",\"choices\":{}}}')",
        f.skipped().get(0));
    assertTrue(f.skipped().get(1).startsWith("line 4 is not a JSON object"), f.skipped().get(1));
    assertTrue(f.skipped().get(2).startsWith("line 5 is not a JSON object"), f.skipped().get(2));
  }

  @Test
  void aCompleteLastLineWithoutNewlineIsReadAndKeptByTheNextAppend() throws IOException {
    String two = cellLine("one") + cellLine("two");
    Path f = write("results.jsonl", two.substring(0, two.length() - 1).getBytes(StandardCharsets.UTF_8));
    ResultsFile results = new ResultsFile(f);
    assertEquals(2, results.read().size(), "the unterminated last line is a whole cell line");
    ObjectNode three = (ObjectNode) Json.MAPPER.readTree(cellLine("three"));
    results.append(three);
    assertEquals(two + cellLine("three"), Files.readString(f), "ended with a newline, not cut off");
  }

  @Test
  void aTornLastLineIsIgnoredThenCutOffByTheNextAppend() throws IOException {
    String one = cellLine("one");
    String torn = cellLine("two").substring(0, 30);
    Path f = write("results.jsonl", (one + torn).getBytes(StandardCharsets.UTF_8));
    ResultsFile results = new ResultsFile(f);
    assertEquals(1, results.read().size());
    assertEquals(1, results.skipped().size(), "the torn tail is reported");
    results.append((ObjectNode) Json.MAPPER.readTree(cellLine("three")));
    assertEquals(one + cellLine("three"), Files.readString(f));
  }

  @Test
  void foldersAndMissingPathsSayWhatWasExpectedAndFound() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(empty + ": no results files in this folder (expected results.jsonl or results.shard-I-of-N.jsonl, as"
        + " ak sweep run writes them); found an empty folder", refusal(empty));
    Path models = Files.createDirectories(dir.resolve("models"));
    for (String f : List.of("a.npy", "b.json", "c", "d", "e", "f")) {
      Files.writeString(models.resolve(f), "");
    }
    Files.createDirectories(models.resolve("sub"));
    assertEquals(models + ": no results files in this folder (expected results.jsonl or results.shard-I-of-N.jsonl,"
        + " as ak sweep run writes them); found a.npy, b.json, c, d, e and 2 more", refusal(models));
    Path missing = dir.resolve("missing");
    assertEquals(missing + ": no such file or folder (expected a sweep's results.jsonl, or a folder holding one)",
        refusal(missing));
  }

  @Test
  void aTailTornInsideAMultiByteCharacterIsIgnoredLikeAnyTornTail() throws IOException {
    byte[] whole = (cellLine("first") + cellLine("error \u00b1 \u00e9")).getBytes(StandardCharsets.UTF_8);
    int cut = whole.length - 1;
    while (whole[cut] >= 0) {
      cut--; // into the last multi-byte character
    }
    byte[] torn = java.util.Arrays.copyOf(whole, cut);
    Path f = write("results.jsonl", torn);
    List<ObjectNode> lines = new ResultsFile(f).read();
    assertEquals(1, lines.size());
    assertEquals("first", lines.get(0).get("error").asText());
  }
}
