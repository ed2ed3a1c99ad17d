package org.afterkernel.plot;

import static org.afterkernel.plot.ResultLines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.afterkernel.AkException;
import org.junit.jupiter.api.Test;

/** Panels, series and points cut from small results with known values ({@link ResultLines#figure2}). */
class AggregationTest {
  private static final int[] EPOCHS = ResultLines.EPOCHS;

  static List<ObjectNode> figure2Lines() {
    return new ResultLines("fig02-test", 2).figure2();
  }

  static void assertPoint(PlotPanel.Point p, double x, double mean, Double halfWidth, int n) {
    assertEquals(x, p.x(), 1e-12, "x");
    assertEquals(mean, p.mean(), 1e-12, "mean at x = " + x);
    if (halfWidth == null) {
      assertNull(p.halfWidth(), "half-width of a single run");
    } else {
      assertEquals(halfWidth, p.halfWidth(), 1e-12, "half-width at x = " + x);
    }
    assertEquals(n, p.n(), "n at x = " + x);
  }

  @Test
  void figure2HasAPanelPerArchitectureAndTaskWithTheSvmAndTheNetwork() {
    FigurePlot f = Aggregation.of(FigureCatalog.spec(2), figure2Lines());
    assertEquals(List.of("fig02a", "fig02b"), f.panels().stream().map(PlotPanel::id).toList());
    PlotPanel a = f.panels().get(0);
    assertEquals("Figure 2(a): VGG, MNIST 3-vs-8", a.title());
    assertEquals("Figure 2(b): MLP, MNIST 5-vs-6", f.panels().get(1).title());
    assertEquals(XScale.SYMLOG, a.scale());
    assertEquals("test error", a.yTitle());
    assertEquals(List.of("SVM", "NN"), a.series().stream().map(PlotPanel.Series::label).toList());
    List<PlotPanel.Point> svm = a.series().get(0).points();
    assertPoint(svm.get(0), 0, 0.11, 0.01, 2);
    assertPoint(svm.get(1), 1, 0.07, 0.01, 2);
    assertPoint(svm.get(2), 10, 0.04, 0.0, 2);
    List<PlotPanel.Point> nn = f.panels().get(1).series().get(1).points();
    assertPoint(nn.get(0), 0, 0.50, 0.0, 2);
    assertPoint(nn.get(1), 1, 0.32, 0.02, 2);
    assertPoint(nn.get(2), 10, 0.15, 0.05, 2);
    assertEquals(0, a.series().get(0).colour());
    assertEquals(1, a.series().get(1).colour());
    assertTrue(f.notes().isEmpty(), f.notes().toString());
  }

  @Test
  void aFailedCellIsSkippedWithANoteAndItsPointKeepsTheRunsItHas() {
    List<ObjectNode> lines = new ArrayList<>(figure2Lines());
    ObjectNode victim = lines.stream().filter(l -> l.path("run").asInt() == 1 && l.path("epochs").asInt() == 10
        && l.path("settings").path("preset").asText().equals("vgg")).findFirst().orElseThrow();
    lines.set(lines.indexOf(victim), new ResultLines("fig02-test", 2).failed((ObjectNode) victim.get("settings"), 1,
        "training diverged at epoch 7"));
    FigurePlot f = Aggregation.of(FigureCatalog.spec(2), lines);
    PlotPanel.Series svm = f.panels().get(0).series().get(0);
    assertEquals("SVM (n = 1–2 of 2)", svm.label());
    assertPoint(svm.points().get(2), 10, 0.04, null, 1);
    assertEquals(2, svm.points().get(2).expected());
    assertEquals("SVM", f.panels().get(1).series().get(0).label(), "the MLP's runs are complete");
    assertTrue(f.notes().get(0).startsWith("1 failed cell(s) skipped: ") && f.notes().get(0).contains("diverged"),
        f.notes().toString());
    assertTrue(f.notes().get(1).contains("fig02a \"SVM (n = 1–2 of 2)\" at epochs 10: n = 1 of 2"), f.notes().toString());
  }

  @Test
  void aMissingMeasureNamesTheSweepThatMeasuresIt() {
    AkException e = assertThrows(AkException.class, () -> Aggregation.of(FigureCatalog.spec(4), figure2Lines()));
    assertTrue(e.getMessage().startsWith("figure 4 needs ak_swap (swap, after kernel), which none of the 12 finished"),
        e.getMessage());
    assertTrue(e.getMessage().contains("tools/ak sweep run configs/fig04-swap-invariance-vs-epochs.json"),
        e.getMessage());
  }

  @Test
  void figure4HasPanelsPerArchitectureAndDatasetMnistFirstAndASeriesPerTask() {
    ResultLines r = new ResultLines("fig04-test", 4);
    List<ObjectNode> lines = new ArrayList<>();
    Object[][] cases = {{"vgg", "mnist", 3, 8, 0.9}, {"vgg", "mnist", 5, 6, 0.8}, {"mlp", "mnist", 3, 8, 0.3},
        {"vgg", "cifar10", 3, 5, 0.7}};
    for (Object[] c : cases) {
      for (int e : EPOCHS) {
        lines.add(r.done(settings("preset", c[0], "dataset", c[1], "minus-class", c[2], "plus-class", c[3],
            "max-num-epochs", e), 0, Map.of("ak_swap", (Double) c[4] - e / 100.0, "ntk_swap", (Double) c[4])));
      }
    }
    FigurePlot f = Aggregation.of(FigureCatalog.spec(4), lines);
    assertEquals(List.of("Figure 4(a): VGG, MNIST, after kernel", "Figure 4(b): MLP, MNIST 3-vs-8, after kernel",
        "Figure 4(c): VGG, CIFAR-10 cat-vs-dog, after kernel"), f.panels().stream().map(PlotPanel::title).toList());
    PlotPanel a = f.panels().get(0);
    assertEquals(List.of("MNIST 3-vs-8", "MNIST 5-vs-6"), a.series().stream().map(PlotPanel.Series::label).toList());
    assertEquals("swap invariance (mean cosine)", a.yTitle());
    assertPoint(a.series().get(1).points().get(2), 10, 0.7, null, 1);
  }

  @Test
  void panelsGoMnistFirstThenByArchitectureAndTaskAsInThePaper() {
    ResultLines r = new ResultLines("fig02-order", 2);
    List<ObjectNode> lines = new ArrayList<>();
    Object[][] cases = {{"vgg", "cifar10", 3, 5}, {"mlp", "mnist", 3, 8}, {"vgg", "mnist", 5, 6},
        {"mlp", "mnist", 5, 6}, {"vgg", "mnist", 3, 8}};
    for (Object[] c : cases) {
      lines.add(r.done(settings("preset", c[0], "dataset", c[1], "minus-class", c[2], "plus-class", c[3],
          "max-num-epochs", 1), 0, Map.of("linear_error", 0.1, "nn_error", 0.2)));
    }
    assertEquals(List.of("Figure 2(a): VGG, MNIST 3-vs-8", "Figure 2(b): VGG, MNIST 5-vs-6",
        "Figure 2(c): MLP, MNIST 3-vs-8", "Figure 2(d): MLP, MNIST 5-vs-6", "Figure 2(e): VGG, CIFAR-10 cat-vs-dog"),
        Aggregation.of(FigureCatalog.spec(2), lines).panels().stream().map(PlotPanel::title).toList());
  }

  @Test
  void learningRateFiguresDrawTheNtkDashedInItsCurvesColour() {
    ResultLines r = new ResultLines("fig10-test", 10);
    List<ObjectNode> lines = new ArrayList<>();
    for (String preset : List.of("vgg", "mlp")) {
      for (double lr : new double[] {0.001, 0.01}) {
        lines.add(r.done(settings("preset", preset, "dataset", "mnist", "minus-class", 3, "plus-class", 8,
            "learning-rate", lr), 0, Map.of("ak_swap", 0.5 - lr, "ntk_swap", 0.6)));
      }
    }
    PlotPanel p = Aggregation.of(FigureCatalog.spec(10), lines).panels().get(0);
    assertEquals(XScale.LOG, p.scale());
    assertEquals("Figure 10: MNIST 3-vs-8", p.title());
    assertEquals(List.of("VGG, after kernel", "MLP, after kernel", "VGG, NTK", "MLP, NTK"),
        p.series().stream().map(PlotPanel.Series::label).toList());
    assertEquals(List.of(0, 1, 0, 1), p.series().stream().map(PlotPanel.Series::colour).toList());
    assertEquals(List.of(0, 0, 1, 1), p.series().stream().map(PlotPanel.Series::style).toList());
    assertPoint(p.series().get(1).points().get(0), 0.001, 0.499, null, 1);
    assertPoint(p.series().get(2).points().get(1), 0.01, 0.6, null, 1);
  }

  @Test
  void aGenericPlotGroupsByTheArchitectureActuallyTrainedAndSaysWhenItPools() {
    PlotSpec spec = PlotSpec.generic(figure2Lines(), "epochs", List.of("nn_error"), List.of("nn_architecture"), null,
        null, null);
    FigurePlot f = Aggregation.of(spec, figure2Lines());
    PlotPanel p = f.panels().get(0);
    assertEquals("nn_error-vs-epochs", p.id());
    assertEquals(List.of("VGG", "MLP"), p.series().stream().map(PlotPanel.Series::label).toList(),
        "preset mlp is an MLP although its config records the script's default nn-architecture VGG");
    assertTrue(f.notes().isEmpty(), f.notes().toString());
    List<ObjectNode> more = new ArrayList<>(figure2Lines());
    ResultLines r = new ResultLines("fig02-test", 2);
    more.add(r.done(settings("preset", "mega-vgg", "dataset", "mnist", "minus-class", 3, "plus-class", 8,
        "max-num-epochs", 0), 0, Map.of("nn_error", 0.30)));
    FigurePlot pooled = Aggregation.of(spec, more);
    assertPoint(pooled.panels().get(0).series().get(0).points().get(0), 0, (0.5 + 0.5 + 0.3) / 3, 0.2 / Math.sqrt(3 * 3),
        3);
    assertTrue(pooled.notes().get(0).startsWith("1 point(s) average the runs of several settings"),
        pooled.notes().toString());
  }

  @Test
  void aMeasuredXPlacesEachSettingAtTheMeanOfItsRuns() {
    PlotSpec spec = PlotSpec.generic(figure2Lines(), "linear_error", List.of("nn_error"), List.of("task"), null, null,
        null);
    PlotPanel p = Aggregation.of(spec, figure2Lines()).panels().get(0);
    assertEquals(XScale.LINEAR, p.scale());
    assertEquals(List.of("MNIST 3-vs-8", "MNIST 5-vs-6"), p.series().stream().map(PlotPanel.Series::label).toList());
    List<PlotPanel.Point> vgg = p.series().get(0).points();
    assertPoint(vgg.get(0), 0.04, 0.04, 0.01, 2);
    assertPoint(vgg.get(1), 0.07, 0.15, 0.05, 2);
    assertPoint(vgg.get(2), 0.11, 0.50, 0.0, 2);
  }

  @Test
  void textFieldsAreCategoriesInTheirNaturalOrder() {
    PlotSpec spec = PlotSpec.generic(figure2Lines(), "task", List.of("linear_error"), null, List.of("epochs"), null,
        "by-task");
    FigurePlot f = Aggregation.of(spec, figure2Lines());
    assertEquals(List.of("by-task-a", "by-task-b", "by-task-c"), f.panels().stream().map(PlotPanel::id).toList());
    PlotPanel p = f.panels().get(2);
    assertEquals("linear_error vs task: 10 epochs", p.title());
    assertEquals(List.of("MNIST 3-vs-8", "MNIST 5-vs-6"), p.categories());
    assertEquals(List.of("VGG", "MLP"), p.series().stream().map(PlotPanel.Series::label).toList());
    assertPoint(p.series().get(1).points().get(0), 1, 0.12, 0.02, 2);
  }

  @Test
  void badFieldsAndScalesAreRefusedWithTheirName() {
    List<ObjectNode> lines = figure2Lines();
    AkException unknown = assertThrows(AkException.class,
        () -> PlotSpec.generic(lines, "epoch", List.of("nn_error"), null, null, null, null));
    assertTrue(unknown.getMessage().startsWith("unknown field 'epoch': expected epochs, parameters"), unknown.getMessage());
    AkException notMeasure = assertThrows(AkException.class,
        () -> PlotSpec.generic(lines, "epochs", List.of("learning_rate"), null, null, null, null));
    assertTrue(notMeasure.getMessage().startsWith("--y learning_rate: expected a measure"), notMeasure.getMessage());
    PlotSpec log = PlotSpec.generic(lines, "epochs", List.of("nn_error"), null, null, "log", null);
    AkException zero = assertThrows(AkException.class, () -> Aggregation.of(log, lines));
    assertEquals("epochs takes the value 0, which a log scale cannot show; use --x-scale linear or symlog",
        zero.getMessage());
  }

  @Test
  void pointsExpectTheDefinitionsRunsRecordedInTheLinesOrGiven() {
    List<ObjectNode> run0 = figure2Lines().stream().filter(l -> l.path("run").asInt() == 0).toList();
    FigurePlot found = Aggregation.of(FigureCatalog.spec(2), run0);
    assertEquals("SVM", found.panels().get(0).series().get(0).label(), "older lines: the one run found is all");
    assertEquals(1, found.panels().get(0).series().get(0).points().get(0).expected());

    List<ObjectNode> recorded = run0.stream().map(l -> (ObjectNode) l.deepCopy().put("sweepRuns", 3)).toList();
    FigurePlot three = Aggregation.of(FigureCatalog.spec(2), recorded);
    PlotPanel.Series svm = three.panels().get(0).series().get(0);
    assertEquals("SVM (n = 1 of 3)", svm.label());
    assertEquals(3, svm.points().get(0).expected());
    assertTrue(three.notes().get(0).contains("fig02a \"SVM (n = 1 of 3)\" at epochs 0: n = 1 of 3"),
        three.notes().toString());

    FigurePlot given = Aggregation.of(FigureCatalog.spec(2), run0, 10);
    assertEquals("SVM (n = 1 of 10)", given.panels().get(0).series().get(0).label());
    assertEquals(2, Aggregation.of(FigureCatalog.spec(2), figure2Lines(), 1).panels().get(0).series().get(0)
        .points().get(0).expected(), "never fewer than the runs found");
  }
}
