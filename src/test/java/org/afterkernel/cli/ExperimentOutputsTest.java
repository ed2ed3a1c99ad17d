package org.afterkernel.cli;

import static org.afterkernel.cli.CliTestSupport.ak;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.afterkernel.data.TestData;
import org.afterkernel.io.RowAppend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ak experiment} writes its outputs all or none: outputs it cannot write are refused before
 * any work (so no JSON without its TSV row, and a rerun appends no duplicate), and the TSV row is
 * taken back when a later output fails ({@link RowAppend}).
 */
class ExperimentOutputsTest {
  @TempDir Path dir;

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  private CliTestSupport.Run experiment(String... outputs) {
    List<String> args = new java.util.ArrayList<>(List.of("experiment", "--preset", "sum", "--num-parameters", "16",
        "--max-num-epochs", "0", "--num-runs", "1", "--train-examples", "50", "--test-examples", "20",
        "--svm-iterations", "5", "--num-swaps", "4", "--data-dir", TestData.sharedDataDir().toString()));
    args.addAll(List.of(outputs));
    return ak(args.toArray(new String[0]));
  }

  @Test
  void outputsThatCannotBeWrittenAreRefusedBeforeAnyWork() throws IOException {
    Path tsv = dir.resolve("rows.tsv");
    Files.writeString(tsv, "earlier row\n");
    Files.createDirectories(dir.resolve("folder.txt"));
    Files.writeString(dir.resolve("file"), "x");
    String[][] cases = {
      {"--test-accuracy-output", dir.resolve("folder.txt").toString(),
          "ak: error: --test-accuracy-output " + dir.resolve("folder.txt") + ": is a folder, expected a file name"},
      {"--model-summary-output", dir.resolve("folder.txt").toString(),
          "ak: error: --model-summary-output " + dir.resolve("folder.txt") + ": is a folder, expected a file name"},
      {"--model-summary-output", dir.resolve("file/s.txt").toString(),
          "ak: error: --model-summary-output " + dir.resolve("file/s.txt") + ": " + dir.resolve("file")
              + " is a file, not a folder"},
    };
    for (String[] c : cases) {
      List<String> before = tree(dir);
      CliTestSupport.Run r = c[0].equals("--test-accuracy-output")
          ? experiment("--out", dir.resolve("r.json").toString(), c[0], c[1])
          : experiment("--out", dir.resolve("r.json").toString(), "--test-accuracy-output", tsv.toString(), c[0], c[1]);
      assertEquals(1, r.exitCode(), r.out());
      assertEquals(c[2], r.err().strip());
      assertFalse(r.out().contains("run 1/1"), "refused before training: " + r.out());
      assertEquals(before, tree(dir), "no JSON, no summary");
      assertEquals("earlier row\n", Files.readString(tsv), "no row");
    }
    CliTestSupport.Run out = experiment("--out", dir.resolve("folder.txt").toString(), "--test-accuracy-output",
        tsv.toString());
    assertEquals("ak: error: --out " + dir.resolve("folder.txt") + ": is a folder, expected a file name",
        out.err().strip());
    assertEquals("earlier row\n", Files.readString(tsv));

    CliTestSupport.Run ok = experiment("--out", dir.resolve("r.json").toString(), "--test-accuracy-output",
        tsv.toString());
    assertEquals(0, ok.exitCode(), ok.err());
    assertEquals(2, Files.readAllLines(tsv).size(), "one row, the successful run's");
  }

  @Test
  void aRowIsTakenBackUnlessKept() throws IOException {
    Path tsv = dir.resolve("t.tsv");
    Files.writeString(tsv, "a\tb\n");
    try (RowAppend row = RowAppend.append(tsv, "c\td")) {
      assertEquals("a\tb\nc\td\n", Files.readString(tsv));
    }
    assertEquals("a\tb\n", Files.readString(tsv), "taken back");
    try (RowAppend row = RowAppend.append(tsv, "e\tf")) {
      row.keep();
    }
    assertEquals("a\tb\ne\tf\n", Files.readString(tsv));
    Path fresh = dir.resolve("new/sub/t.tsv");
    try (RowAppend row = RowAppend.append(fresh, "x")) {
      assertEquals("x\n", Files.readString(fresh));
    }
    assertFalse(Files.exists(dir.resolve("new")), "the file and the folders created for it are gone");
  }
}
