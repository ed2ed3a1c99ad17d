package org.afterkernel.cli;

import static org.afterkernel.plot.ResultLines.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.afterkernel.plot.ResultLines;
import org.afterkernel.plot.SvgPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ak plot} on small results with known values: the PNG decodes at the chart's size, and the
 * SVG draws one line per series through the expected means, placed by the documented axes
 * (log10(1 + epochs) across, linear up), with error bars of twice the half-width.
 */
class PlotCommandTest {
  private static final double PX = 0.02;

  @TempDir Path dir;

  private Path figure2Results() throws Exception {
    return ResultLines.write(dir.resolve("fig02/results.jsonl"), new ResultLines("fig02-test", 2).figure2());
  }

  /** An expected point: position along x (before the axis' scaling) and mean. */
  private record Expected(double t, double mean, double halfWidth) {}

  @Test
  void figure2RendersEveryPanelAsPngAndSvgWithItsSeriesThroughTheMeans() throws Exception {
    Path results = figure2Results();
    CliTestSupport.Run run = CliTestSupport.ak("plot", results.toString(), "--figure", "2", "--out",
        dir.resolve("figs").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("2 panel(s) from 12 cell(s) of fig02-test (12 done, 0 failed)"), run.out());
    for (String panel : List.of("fig02a", "fig02b")) {
      BufferedImage png = ImageIO.read(dir.resolve("figs/" + panel + ".png").toFile());
      assertEquals(960, png.getWidth());
      assertEquals(560, png.getHeight());
      assertTrue(nonWhite(png) > 0.02, panel + ".png has a drawing");
      assertTrue(Files.readString(dir.resolve("figs/" + panel + ".csv")).startsWith("series,x,mean,half_width,n,runs\n"));
    }
    double t1 = Math.log10(2);
    double t10 = Math.log10(11);
    // VGG, MNIST 3-vs-8 (panel a): SVM and NN.
    List<List<Expected>> a = List.of(
        List.of(new Expected(0, 0.11, 0.01), new Expected(t1, 0.07, 0.01), new Expected(t10, 0.04, 0)),
        List.of(new Expected(0, 0.50, 0), new Expected(t1, 0.15, 0.05), new Expected(t10, 0.04, 0.01)));
    checkSvg(Files.readString(dir.resolve("figs/fig02a.svg")), a);
    // MLP, MNIST 5-vs-6 (panel b).
    List<List<Expected>> b = List.of(
        List.of(new Expected(0, 0.31, 0.01), new Expected(t1, 0.21, 0.01), new Expected(t10, 0.12, 0.02)),
        List.of(new Expected(0, 0.50, 0), new Expected(t1, 0.32, 0.02), new Expected(t10, 0.15, 0.05)));
    checkSvg(Files.readString(dir.resolve("figs/fig02b.svg")), b);
  }

  /**
   * One polyline per expected series whose vertices are the expected points under one affine map
   * per axis (fitted on the extremes, checked on every other point), and each point's error bar.
   */
  private static void checkSvg(String svg, List<List<Expected>> series) {
    SvgPlot plot = new SvgPlot(svg);
    assertEquals(series.size(), plot.polylines().size(), "one line per series");
    TreeSet<Double> ts = new TreeSet<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<Expected> s : series) {
      for (Expected e : s) {
        ts.add(e.t());
        lo = Math.min(lo, e.mean());
        hi = Math.max(hi, e.mean());
      }
    }
    TreeSet<Double> xs = new TreeSet<>();
    double yTop = Double.POSITIVE_INFINITY;
    double yBottom = Double.NEGATIVE_INFINITY;
    for (SvgPlot.Polyline p : plot.polylines()) {
      for (double[] v : p.vertices()) {
        xs.add(Math.rint(v[0] * 1000) / 1000);
        yTop = Math.min(yTop, v[1]);
        yBottom = Math.max(yBottom, v[1]);
      }
    }
    assertEquals(ts.size(), xs.size(), "one vertex column per x value: " + xs);
    double ax = (xs.last() - xs.first()) / (ts.last() - ts.first());
    double bx = xs.first() - ax * ts.first();
    double ay = (yTop - yBottom) / (hi - lo); // screen y grows downwards: ay < 0
    double by = yBottom - ay * lo;
    List<SvgPlot.Polyline> unmatched = new ArrayList<>(plot.polylines());
    for (List<Expected> s : series) {
      SvgPlot.Polyline match = unmatched.stream().filter(p -> sameVertices(p, s, ax, bx, ay, by)).findFirst()
          .orElseThrow(() -> new AssertionError("no line through " + s + " among " + describe(unmatched)));
      unmatched.remove(match);
      for (Expected e : s) {
        double x = ax * e.t() + bx;
        List<SvgPlot.Bar> bars = plot.bars().stream()
            .filter(bar -> bar.stroke().equals(match.stroke()) && Math.abs(bar.x() - x) < PX).toList();
        if (e.halfWidth() == 0) {
          assertTrue(bars.isEmpty(), "no error bar at " + e);
        } else {
          assertEquals(1, bars.size(), "one error bar at " + e);
          assertEquals(2 * Math.abs(ay) * e.halfWidth(), bars.get(0).length(), PX, "error bar length at " + e);
          assertEquals(ay * e.mean() + by, (bars.get(0).y1() + bars.get(0).y2()) / 2, PX, "bar centred at " + e);
        }
      }
    }
  }

  private static boolean sameVertices(SvgPlot.Polyline p, List<Expected> s, double ax, double bx, double ay,
      double by) {
    if (p.vertices().size() != s.size()) {
      return false;
    }
    for (Expected e : s) {
      double x = ax * e.t() + bx;
      double y = ay * e.mean() + by;
      if (p.vertices().stream().noneMatch(v -> Math.abs(v[0] - x) < PX && Math.abs(v[1] - y) < PX)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<SvgPlot.Polyline> lines) {
    return lines.stream().map(p -> p.stroke() + " " + p.vertices().stream()
        .map(v -> String.format("(%.2f, %.2f)", v[0], v[1])).toList()).toList().toString();
  }

  private static double nonWhite(BufferedImage img) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          n++;
        }
      }
    }
    return n / (double) (img.getWidth() * img.getHeight());
  }

  @Test
  void anyMeasureAgainstAnyFieldGroupedByArchitecture() throws Exception {
    ResultLines r = new ResultLines("swaps", null);
    List<ObjectNode> lines = new ArrayList<>();
    for (String preset : List.of("vgg", "mlp")) {
      for (int e : new int[] {0, 3, 30}) {
        lines.add(r.done(settings("preset", preset, "max-num-epochs", e), 0,
            Map.of("ak_swap", (preset.equals("vgg") ? 0.9 : 0.4) - e / 100.0)));
      }
    }
    Path results = ResultLines.write(dir.resolve("swaps/results.jsonl"), lines);
    CliTestSupport.Run run = CliTestSupport.ak("plot", results.getParent().toString(), "--x", "epochs", "--y",
        "ak_swap", "--group", "nn_architecture", "--out", dir.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.err());
    String svg = Files.readString(dir.resolve("out/ak_swap-vs-epochs.svg"));
    double t3 = Math.log10(4);
    double t30 = Math.log10(31);
    checkSvg(svg, List.of(
        List.of(new Expected(0, 0.9, 0), new Expected(t3, 0.87, 0), new Expected(t30, 0.6, 0)),
        List.of(new Expected(0, 0.4, 0), new Expected(t3, 0.37, 0), new Expected(t30, 0.1, 0))));
  }

  @Test
  void badRequestsFailWithOneLineNamingWhatIsWrong() throws Exception {
    String results = figure2Results().toString();
    String out = dir.resolve("o").toString();
    CliTestSupport.Run missing = CliTestSupport.ak("plot", results, "--figure", "5", "--out", out);
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().startsWith("ak: error: figure 5 needs ak_translation (translation, after kernel)"),
        missing.err());
    assertTrue(missing.err().contains("configs/fig05-invariance-vs-epochs.json"), missing.err());
    assertEquals(1, missing.err().lines().count(), "one line");
    CliTestSupport.Run field = CliTestSupport.ak("plot", results, "--x", "lr", "--y", "nn_error", "--out", out);
    assertEquals(1, field.exitCode());
    assertTrue(field.err().startsWith("ak: error: unknown field 'lr'"), field.err());
    CliTestSupport.Run noDir = CliTestSupport.ak("plot", dir.resolve("nothing").toString(), "--figure", "2", "--out",
        out);
    assertEquals(1, noDir.exitCode());
    assertTrue(noDir.err().contains("nothing: no such file or folder (expected a sweep's results.jsonl, or a folder"
        + " holding one)"), noDir.err());
    Path npy = dir.resolve("X.npy");
    org.afterkernel.io.Npy.writeFloats(npy, new long[] {2, 3}, new float[6]);
    CliTestSupport.Run notResults = CliTestSupport.ak("plot", npy.toString(), "--figure", "1", "--out", out);
    assertEquals(1, notResults.exitCode());
    assertEquals("ak: error: " + npy + ": not a sweep's results file (expected a results.jsonl written by ak sweep run,"
        + " or a folder holding one); found a NumPy .npy array", notResults.err().strip());
    assertEquals(2, CliTestSupport.ak("plot", results, "--figure", "17", "--out", out).exitCode());
    assertEquals(2, CliTestSupport.ak("plot", results, "--out", out).exitCode());
    assertEquals(2, CliTestSupport.ak("plot", results, "--figure", "2", "--x", "epochs", "--out", out).exitCode());
    assertTrue(Files.notExists(dir.resolve("o")), "nothing written on errors");
  }

  @Test
  void runsStatesTheDefinitionsRunsForOlderResults() throws Exception {
    Path results = figure2Results(); // 2 runs in the lines
    CliTestSupport.Run run = CliTestSupport.ak("plot", results.toString(), "--figure", "2", "--runs", "3", "--out",
        dir.resolve("three").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("fig02a \"SVM (n = 2 of 3)\" at epochs 0: n = 2 of 3"), run.out());
    assertTrue(Files.readString(dir.resolve("three/fig02a.csv")).lines().skip(1).allMatch(l -> l.endsWith(",2,3")),
        "every point: n 2 of 3");
    CliTestSupport.Run bad = CliTestSupport.ak("plot", results.toString(), "--figure", "2", "--runs", "0", "--out",
        dir.resolve("bad").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("--runs is 0, expected >= 1"), bad.err());
    assertFalse(Files.exists(dir.resolve("bad")));
  }
}
