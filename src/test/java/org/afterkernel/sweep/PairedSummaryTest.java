package org.afterkernel.sweep;

import static org.afterkernel.sweep.PairedLines.line;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;

/**
 * Paired differences, their statistics and verdicts on results lines written by hand; every
 * expected mean, half-width and verdict is worked out in the comments, not by the code under test.
 */
class PairedSummaryTest {
  private static final String FALLS = "linear_error@max-num-epochs=1 < linear_error@max-num-epochs=0";

  private static List<PairedSummary.Row> rows(List<ObjectNode> lines, String comparison, String... where) {
    return PairedSummary.of(lines, PairedComparison.parse(comparison), CellFilter.parse(List.of(where)));
  }

  /**
   * 3-vs-8, three runs: SVM error 0.020, 0.021, 0.019 at epoch 0 and 0.013, 0.015, 0.012 at epoch 1
   * (differences -0.007, -0.006, -0.007); network 0.5 at 0 and 0.04 at 1. 5-vs-8 (minus class 5):
   * 0.010 at 0 in all runs, 0.008, 0.011, 0.008 at 1 (differences -0.002, +0.001, -0.002).
   */
  private static List<ObjectNode> threeRuns() {
    double[][] e38 = {{0.020, 0.013}, {0.021, 0.015}, {0.019, 0.012}};
    double[] e56 = {0.008, 0.011, 0.008};
    List<ObjectNode> lines = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      lines.add(line(run, 3, 0, e38[run][0], 0.5));
      lines.add(line(run, 3, 1, e38[run][1], 0.04));
      lines.add(line(run, 5, 0, 0.010, 0.5));
      lines.add(line(run, 5, 1, e56[run], 0.04));
    }
    return lines;
  }

  @Test
  void aFallBeyondTwoHalfWidthsIsReproducedAndOneWithinThemInconclusive() {
    List<PairedSummary.Row> rows = rows(threeRuns(), FALLS);
    assertEquals(2, rows.size(), "one row per class pair");
    PairedSummary.Row r38 = rows.get(0);
    assertEquals("preset=mlp minus-class=3 plus-class=8", SweepSummary.describe(r38.group()));
    assertEquals(List.of(0, 1, 2), r38.runs());
    assertArrayEquals(new double[] {-0.007, -0.006, -0.007}, r38.differences(), 1e-15);
    // mean -0.02/3; deviations -1/3, +2/3, -1/3 (x 0.001): sum of squares 6/9 e-6, variance
    // 3.333e-7, stddev 5.7735e-4, half-width 5.7735e-4 / sqrt 3 = 3.3333e-4; 2 x 3.3e-4 < 6.7e-3.
    assertEquals(-0.02 / 3, r38.verdict().mean(), 1e-15);
    assertEquals(1.0 / 3 * 1e-3, r38.verdict().halfWidth(), 1e-15);
    assertEquals("reproduced", r38.verdict().label());
    assertEquals("reproduced [n=3: -0.00667 ± 0.00033]", r38.verdict().token());
    // 5-vs-8: mean -0.001; deviations -1, +2, -1 (x 0.001): variance 3e-6, half-width 1e-3; the
    // mean is within 2 x 1e-3 of 0 on either side.
    PairedSummary.Row r56 = rows.get(1);
    assertEquals(-0.001, r56.verdict().mean(), 1e-15);
    assertEquals(0.001, r56.verdict().halfWidth(), 1e-15);
    assertEquals("inconclusive [n=3: -0.001 ± 0.001]", r56.verdict().token());
  }

  @Test
  void theOppositeDirectionBeyondTwoHalfWidthsIsNotReproduced() {
    PairedSummary.Row r = rows(threeRuns(), "linear_error@max-num-epochs=1 > linear_error@max-num-epochs=0").get(0);
    assertEquals("not reproduced [n=3: -0.00667 ± 0.00033]", r.verdict().token());
  }

  @Test
  void thresholdsShiftTheClaim() {
    // 3-vs-8 differences: mean -0.00667, 2 half-widths 0.000667. "- 0.005" asks for a mean below
    // -0.005 by more than that (it is 0.00167 below): reproduced; "- 0.008": the mean is 0.00133
    // above -0.008: not reproduced; "- 0.0065": 0.00017 below: inconclusive.
    List<ObjectNode> lines = threeRuns();
    assertEquals("reproduced", rows(lines, FALLS + " - 0.005").get(0).verdict().label());
    assertEquals("not reproduced", rows(lines, FALLS + " - 0.008").get(0).verdict().label());
    assertEquals("inconclusive", rows(lines, FALLS + " - 0.0065").get(0).verdict().label());
    // A number on the right: the SVM error at epoch 1 (0.013, 0.015, 0.012: mean 0.013333, half-width
    // sqrt(((1/3)^2 + (5/3)^2 + (4/3)^2) / 2) / sqrt 3 x 0.001 = 0.00088) below 0.016 and above 0.01.
    PairedSummary.Row level = rows(lines, "linear_error@max-num-epochs=1 < 0.016").get(0);
    assertEquals(0.04 / 3, level.verdict().mean(), 1e-15);
    assertEquals(Math.sqrt((1.0 / 9 + 25.0 / 9 + 16.0 / 9) / 2) / Math.sqrt(3) * 1e-3, level.verdict().halfWidth(),
        1e-15);
    assertEquals("reproduced", level.verdict().label());
    assertEquals("reproduced", rows(lines, "linear_error@max-num-epochs=1 > 0.01").get(0).verdict().label());
  }

  @Test
  void measuresOfOneCellAndDifferencesOfDifferences() {
    // SVM minus network at epoch 1, 3-vs-8: 0.013 - 0.04 = -0.027, -0.025, -0.028.
    PairedSummary.Row r = rows(threeRuns(), "linear_error@max-num-epochs=1 < nn_error_correct@max-num-epochs=1").get(0);
    assertArrayEquals(new double[] {-0.027, -0.025, -0.028}, r.differences(), 1e-15);
    // The same without conditions: every cell is its own group (4 settings x 3 runs).
    List<PairedSummary.Row> cells = rows(threeRuns(), "linear_error < nn_error_correct");
    assertEquals(4, cells.size());
    assertArrayEquals(new double[] {0.020 - 0.5, 0.021 - 0.5, 0.019 - 0.5}, cells.get(0).differences(), 1e-15);
    // The gap's change from epoch 0 to 1: (0.013 - 0.04) - (0.020 - 0.5) = 0.453, 0.454, 0.453.
    PairedSummary.Row g = rows(threeRuns(),
        "linear_error-nn_error_correct@max-num-epochs=1 > linear_error-nn_error_correct@max-num-epochs=0").get(0);
    assertArrayEquals(new double[] {0.453, 0.454, 0.453}, g.differences(), 1e-15);
  }

  @Test
  void oneAndTwoRunsGiveConsistentOrContraryAndZeroSpreadCounts() {
    List<ObjectNode> lines = threeRuns();
    List<ObjectNode> one = lines.subList(0, 4);
    PairedSummary.Row r1 = rows(one, FALLS).get(0);
    assertEquals("consistent (1 run) [n=1: -0.007]", r1.verdict().token());
    assertNull(r1.verdict().halfWidth());
    assertEquals("contrary (1 run) [n=1: -0.007]",
        rows(one, "linear_error@max-num-epochs=1 > linear_error@max-num-epochs=0").get(0).verdict().token());
    // Two runs: differences -0.007, -0.006: mean -0.0065, stddev sqrt(2 x 0.0005^2) = 7.07e-4,
    // half-width 7.07e-4 / sqrt 2 = 0.0005.
    assertEquals("consistent (2 runs) [n=2: -0.0065 ± 0.0005]", rows(lines.subList(0, 8), FALLS).get(0).verdict().token());
    // Zero spread: 5-vs-6 at epoch 0 against itself plus 0.25 (exact in binary) in every run.
    List<ObjectNode> flat = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      flat.add(line(run, 3, 0, 0.25, 0.5));
      flat.add(line(run, 3, 1, 0.5, 0.5));
    }
    PairedSummary.Row z = rows(flat, "linear_error@max-num-epochs=1 > linear_error@max-num-epochs=0").get(0);
    assertEquals("reproduced [n=3: 0.25 ± 0]", z.verdict().token(), "no spread: any difference counts");
    assertEquals("inconclusive [n=3: 0 ± 0]",
        rows(flat, "nn_error_correct@max-num-epochs=1 < nn_error_correct@max-num-epochs=0").get(0).verdict().token(),
        "no difference at all");
    assertEquals("inconclusive [n=1: 0]",
        rows(flat.subList(0, 2), "nn_error_correct@max-num-epochs=1 < nn_error_correct@max-num-epochs=0").get(0)
            .verdict().token());
  }

  @Test
  void aDifferenceWithinRoundingIsZeroAndGroupsComeInTheOrderOfTheirSettings() {
    // (0.1 - 0.3) - (0.2 - 0.4) is 2.8e-17 in doubles: rounding, not a difference.
    List<ObjectNode> lines = List.of(line(0, 3, 0, 0.2, 0.4), line(0, 3, 1, 0.1, 0.3));
    PairedSummary.Row r = rows(lines,
        "linear_error-nn_error_correct@max-num-epochs=1 < linear_error-nn_error_correct@max-num-epochs=0").get(0);
    assertArrayEquals(new double[] {0}, r.differences());
    assertEquals("inconclusive [n=1: 0]", r.verdict().token());
    // Written in the order 5-vs-8 at 10, 3-vs-8 at 10, 3 and 1: listed 3-vs-8 at 1, 3, 10, then 5-vs-8.
    List<ObjectNode> shuffled = List.of(line(0, 5, 10, 0.1, 0.2), line(0, 3, 10, 0.1, 0.2), line(0, 3, 3, 0.1, 0.2),
        line(0, 3, 1, 0.1, 0.2));
    assertEquals(List.of("1", "3", "10", "10"), rows(shuffled, "linear_error < nn_error_correct").stream()
        .map(x -> x.group().get("max-num-epochs").asText()).toList());
    assertEquals(5, rows(shuffled, "linear_error < nn_error_correct").get(3).group().get("minus-class").asInt());
  }

  @Test
  void missingCellsFailedCellsAndMissingValuesAreLeftOutAndSaidSo() {
    List<ObjectNode> lines = new ArrayList<>(threeRuns());
    lines.removeIf(n -> n.path("run").asInt() == 2 && n.path("epochs").asInt() == 0);
    lines.stream().filter(n -> n.path("run").asInt() == 1 && n.path("epochs").asInt() == 1).forEach(n -> {
      if (n.path("settings").path("minus-class").asInt() == 3) {
        n.put("status", "failed");
      } else {
        ((ObjectNode) n.get("values")).remove("linear_error");
      }
    });
    List<PairedSummary.Row> rows = rows(lines, FALLS);
    assertEquals("consistent (1 run) [n=1: -0.007]", rows.get(0).verdict().token());
    assertEquals(List.of("run 1: no finished cell for 'linear_error@max-num-epochs=1'",
        "run 2: no finished cell for 'linear_error@max-num-epochs=0'"), rows.get(0).unpaired());
    assertEquals(List.of("run 1: no value of linear_error in cell {\"max-num-epochs\":1,\"minus-class\":5,"
        + "\"plus-class\":8,\"preset\":\"mlp\"}#1", "run 2: no finished cell for 'linear_error@max-num-epochs=0'"),
        rows.get(1).unpaired());
    // A class pair none of whose runs has both cells: not measured.
    List<ObjectNode> only = new ArrayList<>(threeRuns());
    only.removeIf(n -> n.path("settings").path("minus-class").asInt() == 5 && n.path("epochs").asInt() == 0);
    assertEquals("not measured [n=0]", rows(only, FALLS).get(1).verdict().token());
  }

  @Test
  void whereKeepsSomeCellsAndBadComparisonsAreRefusedWithTheirReason() {
    List<ObjectNode> lines = threeRuns();
    assertEquals(1, rows(lines, FALLS, "minus-class=5").size());
    assertEquals(1, rows(lines, FALLS, "run=0").get(0).verdict().n(), "--where run=0: one run");
    AkException none = assertThrows(AkException.class, () -> rows(lines, "linear_error@max-num-epochs=3 < 0.5"));
    assertEquals("--paired 'linear_error@max-num-epochs=3 < 0.5': no finished cell matches"
        + " 'linear_error@max-num-epochs=3'", none.getMessage());
    AkException two = assertThrows(AkException.class,
        () -> rows(lines, "linear_error@max-num-epochs=1 < nn_error_correct"));
    assertTrue(two.getMessage().contains("'nn_error_correct' matches 2 cells of run 0"), two.getMessage());
    for (String bad : List.of("linear_error@max-num-epochs=1 <linear_error", "linear_error = margin",
        "linear_eror < margin", "linear_error@run=1 < margin@run=0", "linear_error@epochs=1 < margin",
        "linear_error < margin * 2", "linear_error < 0.5 + 1")) {
      AkException e = assertThrows(AkException.class, () -> PairedComparison.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--paired '" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void theCertificatesOfTheSvmsUsedAreCounted() {
    List<ObjectNode> lines = threeRuns();
    ObjectNode cell = lines.get(0);
    ((ObjectNode) cell.get("svm")).put("separable", false);
    ((ObjectNode) cell.get("values")).put("margin", -0.5);
    ((ObjectNode) lines.get(4).get("svm")).put("separable", true);
    PairedSummary.Row r = rows(lines, FALLS).get(0);
    // 6 cells of 3-vs-8 used: run 0's epoch 0 not separable, run 1's epoch 0 certified, 4 without.
    assertEquals(List.of(new PairedSummary.SvmNote("svm", 6, 1, 4, 1)), r.svm());
    assertEquals(List.of(), rows(lines, "nn_error_correct@max-num-epochs=1 < nn_error_correct@max-num-epochs=0")
        .get(0).svm(), "the network's error uses no SVM");
  }
}
