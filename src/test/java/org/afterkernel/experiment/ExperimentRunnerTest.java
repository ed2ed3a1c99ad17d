package org.afterkernel.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small end-to-end experiments on real MNIST subsets. */
class ExperimentRunnerTest {
  private static final LabeledImages TRAIN =
      Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, ClassPair.DEFAULT, 400);
  private static final LabeledImages TEST =
      Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 150);

  @TempDir Path dir;

  private static ExperimentResult run(ConfigMerger m) {
    return new ExperimentRunner(m.build(), TRAIN, TEST, line -> {}, false).run();
  }

  @Test
  void twoRunsGiveA38FieldRowInTheScriptsOrderAndAJsonThatRoundTrips() {
    ExperimentResult r = run(new ConfigMerger().set("preset", "mlp").set("width", 12).set("max-num-epochs", 1)
        .set("num-runs", 2).set("train-linear-model", true).set("svm-iterations", 50).set("num-swaps", 40)
        .set("ker-alignment-sample-size", 30).set("learning-rate", 0.05));
    List<String> f = List.of(r.tsvRow().split("\t", -1));
    assertEquals(38, f.size());
    assertEquals("1", f.get(0));
    assertEquals("False", f.get(1));
    assertEquals("False", f.get(2));
    Statistics nn = r.summary().get("nn_error");
    assertEquals(PythonFormat.of(nn.mean()), f.get(3));
    assertEquals(PythonFormat.of(nn.halfWidth()), f.get(4));
    assertEquals(PythonFormat.of(r.summary().get("linear_error").mean()), f.get(5));
    assertEquals(PythonFormat.of(r.summary().get("margin").mean()), f.get(7));
    for (int i = 9; i <= 20; i++) {
      assertEquals("", f.get(i), "translation, zoom and rotation were not requested: field " + (i + 1));
    }
    assertEquals(PythonFormat.of(r.summary().get("ntk_alignment").mean()), f.get(21));
    assertEquals(PythonFormat.of(r.summary().get("ak_alignment").mean()), f.get(23));
    assertEquals(PythonFormat.of(r.summary().get("ntk_swap").mean()), f.get(25));
    assertEquals(PythonFormat.of(r.summary().get("ak_swap").mean()), f.get(27));
    assertEquals("", f.get(29), "effective rank not requested");
    assertEquals(Long.toString(r.parameters()), f.get(33));
    assertEquals("MLP", f.get(34));
    assertEquals("jst1", f.get(35));
    assertEquals("120.0", f.get(36));
    assertEquals("0.05", f.get(37));
    assertEquals(2, r.runs().size());
    assertEquals(List.of(1L, 2L), r.runs().stream().map(RunResult::seed).toList(), "seed = base + run");

    Path file = dir.resolve("r.json");
    r.write(file);
    ExperimentResult back = ExperimentResult.read(file);
    assertEquals(r.config(), back.config());
    assertEquals(r.summary(), back.summary());
    assertEquals(r.tsvRow(), back.tsvRow());
    assertEquals(r.runs().get(1).values(), back.runs().get(1).values());
    assertEquals(r.runs().get(0).svm(), back.runs().get(0).svm());
  }

  @Test
  void oneRunLeavesHalfWidthsEmpty() {
    ExperimentResult r = run(new ConfigMerger().set("preset", "sum").set("max-num-epochs", 1).set("num-runs", 1));
    List<String> f = List.of(r.tsvRow().split("\t", -1));
    assertEquals(38, f.size());
    assertEquals("", f.get(4));
    assertNull(r.summary().get("nn_error").halfWidth());
    assertEquals("", f.get(35), "no linear model: no solver");
    assertEquals("None", f.get(37), "learning rate not set");
  }

  @Test
  void atEpochZeroTrainingIsSkippedAndTheNtkAndAfterKernelMeasuresAreEqual() {
    ExperimentResult r = run(new ConfigMerger().set("preset", "vgg").set("width", 4).set("max-num-epochs", 0)
        .set("num-runs", 1).set("num-translations", 30).set("num-zooms", 30).set("num-swaps", 30)
        .set("num-rotations", 30).set("ker-alignment-sample-size", 30).set("effective-rank-sample-size", 30));
    RunResult run = r.runs().get(0);
    assertNull(run.training());
    for (String m : List.of("translation", "zoom", "swap", "rotation", "alignment", "effective_rank")) {
      assertEquals(run.values().get("ntk_" + m), run.values().get("ak_" + m), m);
    }
    assertTrue(run.values().get("ntk_alignment") > 0);
  }

  /**
   * svm-stop converged ends on convergence (recorded) and gives the classifier of a much longer
   * fixed-iteration run; the measures of the cell equal a run that computes each measure alone
   * (the shared test rows change nothing).
   */
  @Test
  void aConvergedSvmIsRecordedAndSharedTestRowsChangeNoMeasure() {
    ConfigMerger base = new ConfigMerger().set("preset", "mlp").set("width", 12).set("max-num-epochs", 1)
        .set("num-runs", 1).set("train-linear-model", true).set("num-swaps", 50).set("num-translations", 40)
        .set("ker-alignment-sample-size", 60).set("effective-rank-sample-size", 30).set("learning-rate", 0.05);
    ExperimentResult converged = run(base.set("svm-stop", "converged").set("svm-tolerance", 1e-6));
    RunResult c = converged.runs().get(0);
    assertEquals(org.afterkernel.linear.StopReason.CONVERGED, c.svm().stopReason());
    ExperimentResult fixed = run(new ConfigMerger().overlay(Json.MAPPER.valueToTree(base.build()), "test")
        .set("svm-iterations", c.svm().iterations() * 4));
    RunResult f = fixed.runs().get(0);
    assertEquals(f.svm().testError(), c.svm().testError(), "test error at convergence");
    assertEquals(f.svm().trainingMargin(), c.svm().trainingMargin(), 1e-4 * f.svm().trainingMargin());
    // Each measure alone (no other measure shares its test rows) gives the same value.
    for (String[] alone : new String[][] {{"num-swaps", "50"}, {"num-translations", "40"},
        {"ker-alignment-sample-size", "60"}, {"effective-rank-sample-size", "30"}}) {
      ConfigMerger m = new ConfigMerger().set("preset", "mlp").set("width", 12).set("max-num-epochs", 1)
          .set("num-runs", 1).set("learning-rate", 0.05).set(alone[0], Integer.parseInt(alone[1]));
      RunResult one = run(m).runs().get(0);
      one.values().forEach((k, v) -> assertEquals(v, c.values().get(k), 1e-6 * Math.max(1, Math.abs(v)), k));
    }
  }
}
