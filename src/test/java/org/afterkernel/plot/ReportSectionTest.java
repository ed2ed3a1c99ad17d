package org.afterkernel.plot;

import static org.afterkernel.plot.ResultLines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report draws for sweeps of no figure, and when it shows a sweep's config file. */
class ReportSectionTest {
  @TempDir Path dir;

  private static SweepResults results(String name, List<ObjectNode> lines) {
    return new SweepResults(name, null, lines.get(0).path("sweepHash").asText(), List.of(), lines);
  }

  @Test
  void aSweepOfNoFigureGetsEveryMeasureAgainstWhatItVaries() {
    ResultLines r = new ResultLines("mine", null);
    List<ObjectNode> byLr = new ArrayList<>();
    for (double lr : new double[] {0.01, 0.1}) {
      byLr.add(r.done(settings("preset", "vgg", "learning-rate", lr), 0, Map.of("nn_error", 0.1, "ak_swap", 0.5,
          "ntk_swap", 0.6)));
    }
    ReportSection s = ReportSection.of(results("mine", byLr), null);
    assertNull(s.figureProblem());
    assertEquals("mine: every measure vs learning-rate", s.figure().title());
    assertEquals(List.of("mine: every measure vs learning-rate: NN, VGG, MNIST 3-vs-8",
        "mine: every measure vs learning-rate: swap, after kernel, VGG, MNIST 3-vs-8",
        "mine: every measure vs learning-rate: swap, NTK, VGG, MNIST 3-vs-8"),
        s.figure().panels().stream().map(PlotPanel::title).toList());
    assertEquals(List.of("NN test error", "swap invariance (mean cosine)", "swap invariance (mean cosine)"),
        s.figure().panels().stream().map(PlotPanel::yTitle).toList(), "each panel's axis names its measure");
    assertTrue(s.definitionNote().startsWith("no config file given"), s.definitionNote());

    List<ObjectNode> fixed = List.of(r.done(settings("preset", "vgg"), 0, Map.of("nn_error", 0.1)));
    ReportSection none = ReportSection.of(results("mine", fixed), null);
    assertNull(none.figure());
    assertTrue(none.figureProblem().startsWith("the sweep varies neither epochs nor"), none.figureProblem());
  }

  @Test
  void aConfigFileIsShownOnlyWhenItsHashMatchesTheResults() throws Exception {
    Files.writeString(dir.resolve("mine.json"), "{\"name\": \"mine\", \"runs\": 1, \"base\": {\"preset\": \"vgg\"},"
        + " \"grid\": {\"max-num-epochs\": [0, 1]}}");
    ResultLines r = new ResultLines("mine", null, "0123456789abcdef");
    List<ObjectNode> lines = List.of(r.done(settings("max-num-epochs", 0), 0, Map.of("nn_error", 0.5)),
        r.done(settings("max-num-epochs", 1), 0, Map.of("nn_error", 0.2)));
    ReportSection s = ReportSection.of(results("mine", lines), dir);
    assertNull(s.definition());
    assertTrue(s.definitionNote().contains("mine.json has changed since these results were run"), s.definitionNote());
    assertEquals("mine: every measure vs epochs", s.figure().title());
  }

  /** As configs/replication/epochs-vgg.json defines replication-epochs-vgg: found by its name, not its file's. */
  @Test
  void aConfigNamedOtherwiseIsFoundByItsSweepNameAndItsRunsAreExpectedAtEveryPoint() throws Exception {
    Path configs = dir.resolve("replication");
    Files.createDirectories(configs);
    Files.writeString(configs.resolve("notes.json"), "{\"not\": \"a sweep\"}");
    Path file = configs.resolve("epochs.json");
    Files.writeString(file, "{\"name\": \"replication-epochs\", \"runs\": 3, \"base\": {\"preset\": \"vgg\"},"
        + " \"grid\": {\"max-num-epochs\": [0, 1]}}");
    String hash = org.afterkernel.sweep.SweepDefinition.read(file).hash();
    ResultLines r = new ResultLines("replication-epochs", null, hash);
    List<ObjectNode> run0 = List.of(r.done(settings("max-num-epochs", 0), 0, Map.of("nn_error", 0.5)),
        r.done(settings("max-num-epochs", 1), 0, Map.of("nn_error", 0.2)));
    ReportSection s = ReportSection.of(results("replication-epochs", run0), configs);
    assertEquals(file + " (its definition hash " + hash + " matches the results')", s.definitionNote());
    assertTrue(s.definition().contains("\"runs\": 3"), s.definition());
    PlotPanel.Series nn = s.figure().panels().get(0).series().get(0);
    assertTrue(nn.label().endsWith("(n = 1 of 3)"), "one run of the definition's 3: " + nn.label());
    assertEquals(3, nn.points().get(0).expected());

    ReportSection none = ReportSection.of(results("replication-other", run0), configs);
    assertEquals("no config file of sweep replication-other found in " + configs
        + "; the configuration below is the one recorded with every cell", none.definitionNote());
    assertEquals(1, none.figure().panels().get(0).series().get(0).points().get(0).expected(),
        "without the definition: the runs found");
  }

  /**
   * Results kept apart from a changed definition (results/replication/epochs-vgg-jst1/ beside the
   * new epochs-vgg/): each folder's section shows its own definition.json, and the two sections of
   * one sweep name get distinct headings and anchors.
   */
  @Test
  void resultsKeptApartShowTheirOwnDefinitionAndGetTheirOwnSection() throws Exception {
    Path configs = Files.createDirectories(dir.resolve("configs"));
    String now = "{\"name\": \"rep\", \"runs\": 3, \"base\": {\"svm-solver\": \"exact\"}, \"grid\": {\"max-num-epochs\": [0, 1]}}";
    String old = "{\"name\": \"rep\", \"runs\": 2, \"base\": {\"svm-solver\": \"jst1\"}, \"grid\": {\"max-num-epochs\": [0, 1]}}";
    Files.writeString(configs.resolve("rep.json"), now);
    Path apart = Files.createDirectories(dir.resolve("results/rep-jst1"));
    Files.writeString(apart.resolve("definition.json"), old);
    String oldHash = org.afterkernel.sweep.SweepDefinition.read(apart.resolve("definition.json")).hash();
    String newHash = org.afterkernel.sweep.SweepDefinition.read(configs.resolve("rep.json")).hash();
    assertTrue(!oldHash.equals(newHash));

    List<ObjectNode> oldLines = List.of(new ResultLines("rep", null, oldHash).done(settings("max-num-epochs", 0), 0,
        Map.of("nn_error", 0.5)), new ResultLines("rep", null, oldHash).done(settings("max-num-epochs", 1), 0,
        Map.of("nn_error", 0.2)));
    SweepResults kept = new SweepResults("rep", null, oldHash, List.of(apart.resolve("results.jsonl")), oldLines);
    ReportSection s = ReportSection.of(kept, configs);
    assertTrue(s.definition() != null && s.definition().contains("jst1"), "the folder's own definition: " + s.definitionNote());
    assertEquals(apart.resolve("definition.json") + " (its definition hash " + oldHash + " matches the results')",
        s.definitionNote());
    assertEquals(2, s.figure().panels().get(0).series().get(0).points().get(0).expected(), "its runs: 2");

    Path fresh = Files.createDirectories(dir.resolve("results/rep"));
    List<ObjectNode> newLines = List.of(new ResultLines("rep", null, newHash).done(settings("max-num-epochs", 0), 0,
        Map.of("nn_error", 0.4)), new ResultLines("rep", null, newHash).done(settings("max-num-epochs", 1), 0,
        Map.of("nn_error", 0.1)));
    ReportSection t = ReportSection.of(new SweepResults("rep", null, newHash, List.of(fresh.resolve("results.jsonl")),
        newLines), configs);
    assertTrue(t.definition().contains("exact"), t.definitionNote());

    String html = HtmlReport.render(List.of(s, t), "2026-12-04T00:00:00Z", "ak report");
    List<String> ids = java.util.regex.Pattern.compile("<section id=\"([^\"]*)\"").matcher(html).results()
        .map(m -> m.group(1)).toList();
    assertEquals(2, ids.size());
    assertTrue(!ids.get(0).equals(ids.get(1)), "distinct anchors: " + ids);
    assertTrue(html.contains("<h2>rep, " + apart + "</h2>") && html.contains("<h2>rep, " + fresh + "</h2>"),
        "headings name the folders");
  }
}
