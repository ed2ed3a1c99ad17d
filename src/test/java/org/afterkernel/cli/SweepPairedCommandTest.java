package org.afterkernel.cli;

import static org.afterkernel.sweep.PairedLines.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ak sweep summarize --paired} on results files written by hand. */
class SweepPairedCommandTest {
  @TempDir Path dir;

  /**
   * Three runs of 3-vs-8: SVM error 0.020, 0.021, 0.019 at epoch 0 and 0.013, 0.015, 0.012 at epoch
   * 1, network 0.5 and 0.04; run 3 has only its epoch-0 cell.
   */
  private Path results(int threadsOfRun2) throws Exception {
    double[][] e = {{0.020, 0.013}, {0.021, 0.015}, {0.019, 0.012}};
    StringBuilder b = new StringBuilder();
    List<ObjectNode> lines = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      int t = run == 2 ? threadsOfRun2 : 1;
      lines.add(line(run, 3, 0, e[run][0], 0.5, t));
      lines.add(line(run, 3, 1, e[run][1], 0.04, t));
    }
    lines.add(line(3, 3, 0, 0.018, 0.5));
    lines.forEach(n -> b.append(Json.toLine(n)).append('\n'));
    Path d = Files.createDirectories(dir.resolve("sweep-" + threadsOfRun2));
    Files.writeString(d.resolve("results.jsonl"), b.toString());
    return d;
  }

  @Test
  void printsEachGroupsVerdictWithNMeanAndHalfWidthAndWritesJsonAndCsv() throws Exception {
    Path d = results(1);
    Path json = dir.resolve("v.json");
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "summarize", d.toString(),
        "--paired", "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0",
        "--paired", "linear_error@max-num-epochs=1 > nn_error_correct@max-num-epochs=1", "--out", json.toString());
    assertEquals(0, r.exitCode(), r.err());
    // Differences -0.007, -0.006, -0.007: mean -0.00667, half-width 0.00033 (PairedSummaryTest's
    // arithmetic); SVM minus network at epoch 1: -0.027, -0.025, -0.028, mean -0.02667, deviations
    // -1/3, 5/3, -4/3 (x 0.001): half-width sqrt(42/9 / 2) / sqrt 3 x 0.001 = 0.00088.
    String expected = String.join("\n",
        "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0",
        "  preset=mlp minus-class=3 plus-class=8: reproduced [n=3: -0.00667 ± 0.00033]",
        "    by run: 0: -0.007, 1: -0.006, 2: -0.007",
        "    left out: run 3: no finished cell for 'linear_error@max-num-epochs=1'",
        "    svm of 6 cell(s): not separable in 0, no certificate in 6, training margin <= 0 in 0",
        "linear_error@max-num-epochs=1 > nn_error_correct@max-num-epochs=1",
        "  preset=mlp minus-class=3 plus-class=8: not reproduced [n=3: -0.0267 ± 0.00088]",
        "    by run: 0: -0.027, 1: -0.025, 2: -0.028",
        "    svm of 3 cell(s): not separable in 0, no certificate in 3, training margin <= 0 in 0",
        "wrote " + json + " (2 row(s))", "");
    assertTrue(r.out().endsWith(expected), r.out());
    assertTrue(r.out().startsWith("paired by run: difference = LEFT - RIGHT"), r.out());
    JsonNode rows = Json.MAPPER.readTree(json.toFile()).get("rows");
    assertEquals(2, rows.size());
    assertEquals(3, rows.get(0).get("n").asInt());
    assertEquals(-0.02 / 3, rows.get(0).get("mean").asDouble(), 1e-15);
    assertEquals(1e-3 / 3, rows.get(0).get("halfWidth").asDouble(), 1e-15);
    assertEquals("reproduced", rows.get(0).get("verdict").asText());
    assertEquals("below", rows.get(0).get("direction").asText());
    assertEquals("[0,1,2]", rows.get(0).get("runs").toString());
    assertEquals(1, rows.get(0).get("leftOut").size());
    assertEquals("not reproduced", rows.get(1).get("verdict").asText());

    Path csv = dir.resolve("v.csv");
    assertEquals(0, CliTestSupport.ak("sweep", "summarize", d.toString(), "--paired",
        "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0", "--out", csv.toString()).exitCode());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("comparison,group,n,mean,half_width,verdict,runs,differences,left_out,svm_cells,svm_not_separable,"
        + "svm_no_certificate,svm_margin_nonpositive,conjugateSvm_cells,conjugateSvm_not_separable,"
        + "conjugateSvm_no_certificate,conjugateSvm_margin_nonpositive", lines.get(0));
    String[] f = lines.get(1).split(",");
    assertEquals("linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0", f[0]);
    assertEquals("preset=mlp minus-class=3 plus-class=8", f[1]);
    assertEquals("3", f[2]);
    assertEquals(-0.02 / 3, Double.parseDouble(f[3]), 1e-15);
    assertEquals("reproduced", f[5]);
    assertEquals("0;1;2", f[6]);
  }

  @Test
  void whereRestrictsTheCellsAndAFewerRunVerdictSaysSo() throws Exception {
    CliTestSupport.Run r = CliTestSupport.ak("sweep", "summarize", results(1).toString(), "--where", "run=1",
        "--paired", "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(": consistent (1 run) [n=1: -0.006]\n"), r.out());
  }

  @Test
  void mixedThreadCountsBadComparisonsAndOptionsAreRefused() throws Exception {
    CliTestSupport.Run mixed = CliTestSupport.ak("sweep", "summarize", results(2).toString(),
        "--paired", "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0");
    assertEquals(1, mixed.exitCode());
    assertTrue(mixed.err().contains("refusing to mix thread counts"), mixed.err());
    assertFalse(mixed.out().contains("reproduced"), mixed.out());

    Path d = results(1);
    CliTestSupport.Run typo = CliTestSupport.ak("sweep", "summarize", d.toString(),
        "--paired", "linear_error@max-num-epoch=1 < linear_error@max-num-epochs=0");
    assertEquals(1, typo.exitCode());
    assertTrue(typo.err().startsWith("ak: error: --paired 'linear_error@max-num-epoch=1 <"
        + " linear_error@max-num-epochs=0' 'max-num-epoch=1': no setting 'max-num-epoch'"), typo.err());
    CliTestSupport.Run none = CliTestSupport.ak("sweep", "summarize", d.toString(),
        "--paired", "linear_error@max-num-epochs=30 < linear_error@max-num-epochs=0");
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("no finished cell matches 'linear_error@max-num-epochs=30'"), none.err());
    assertEquals(2, CliTestSupport.ak("sweep", "summarize", d.toString(), "--measures", "linear_error",
        "--paired", "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0").exitCode());
    assertEquals(2, CliTestSupport.ak("sweep", "summarize", d.toString(), "--where", "run=1").exitCode());
  }

  @Test
  void verdictAppliesTheSameRuleToDifferencesGivenOnTheCommandLine() {
    // -0.007, -0.006, -0.007: mean -0.00667, half-width 0.00033 (as above): below 0 by more than 2.
    CliTestSupport.Run r = CliTestSupport.ak("verdict", "--below", "0", "-0.007", "-0.006", "-0.007");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("reproduced [n=3: -0.00667 ± 0.00033]\n", r.out());
    assertEquals("not reproduced [n=3: -0.00667 ± 0.00033]\n",
        CliTestSupport.ak("verdict", "--above", "0", "-0.007", "-0.006", "-0.007").out());
    // One run: the sign against the threshold decides; 0.575 is below 0.9.
    assertEquals("contrary (1 run) [n=1: 0.575]\n", CliTestSupport.ak("verdict", "--above", "0.9", "0.575").out());
    assertEquals("consistent (1 run) [n=1: 0.575]\n", CliTestSupport.ak("verdict", "--above", "0.5", "0.575").out());
    assertEquals(2, CliTestSupport.ak("verdict", "--above", "0", "--below", "1", "0.5").exitCode(), "one claim");
    assertEquals(2, CliTestSupport.ak("verdict", "0.5").exitCode(), "a claim is required");
    assertEquals(2, CliTestSupport.ak("verdict", "--above", "0", "NaN").exitCode());
    assertEquals(2, CliTestSupport.ak("verdict", "--above", "0", "x").exitCode());
  }
}
