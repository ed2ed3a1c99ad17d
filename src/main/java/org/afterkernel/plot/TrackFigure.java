package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.JsonLines;
import org.afterkernel.track.Tracker;

/**
 * The silent-alignment paper's figure 1a for {@code ak track} records: against the training step,
 * the loss, the kernel's norm ||K_t||_F, its kernel-target alignment and its alignment with the
 * final kernel, each scaled to [0, 1] over the trajectory ((v - min) / (max - min)), so that the
 * moment each moves can be compared. One panel per track directory.
 */
public final class TrackFigure {
  /** The plotted fields with their legend labels. */
  static final List<String[]> CURVES = List.of(
      new String[] {"train_loss", "loss"},
      new String[] {"kernel_norm", "||K_t||"},
      new String[] {"target_alignment", "kernel-target alignment"},
      new String[] {"final_alignment", "A(K_t, K_T)"});

  private TrackFigure() {}

  /** The figure of the track directories {@code dirs}, x on a symlog axis when {@code logX}. */
  public static FigurePlot of(List<Path> dirs, boolean logX) {
    List<PlotPanel> panels = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    char letter = 'a';
    for (Path dir : dirs) {
      List<JsonNode> lines = JsonLines.read(Tracker.recordsFile(dir));
      if (lines.isEmpty()) {
        throw new AkException(dir + ": no track records (expected the --out of ak track, holding records.jsonl)");
      }
      List<PlotPanel.Series> series = new ArrayList<>();
      int colour = 0;
      for (String[] c : CURVES) {
        List<double[]> xy = new ArrayList<>();
        for (JsonNode n : lines) {
          if (n.path(c[0]).isNumber()) {
            xy.add(new double[] {n.path("step").asDouble(), n.path(c[0]).asDouble()});
          }
        }
        if (xy.isEmpty()) {
          notes.add(dir.getFileName() + ": no " + c[0] + " (" + (c[0].equals("final_alignment")
              ? "the trajectory is not finished" : "not recorded") + ")");
          colour++;
          continue;
        }
        double min = xy.stream().mapToDouble(p -> p[1]).min().orElse(0);
        double max = xy.stream().mapToDouble(p -> p[1]).max().orElse(1);
        double range = max > min ? max - min : 1;
        List<PlotPanel.Point> points = xy.stream()
            .map(p -> new PlotPanel.Point(p[0], (p[1] - min) / range, null, 1, 1)).toList();
        series.add(new PlotPanel.Series(c[1], colour++, 0, points));
      }
      String title = "(" + letter + ") " + describe(dir);
      panels.add(new PlotPanel("track" + letter, title, "training step", "scaled to [0, 1]",
          logX ? XScale.SYMLOG : XScale.LINEAR, List.of(), series));
      letter++;
    }
    return new FigurePlot("track", "The kernel's trajectory: loss, ||K_t|| and alignments against the step",
        panels, notes);
  }

  /** The network and task of a track directory, from its {@code track-config.json}. */
  private static String describe(Path dir) {
    Path config = dir.resolve("track-config.json");
    if (!config.toFile().isFile()) {
      return dir.getFileName().toString();
    }
    JsonNode c = Json.readTree(config);
    return c.path("dataset").asText() + " " + c.path("minus-class").asText() + "-vs-" + c.path("plus-class").asText()
        + ", " + c.path("preset").asText() + (c.path("hidden").isArray() ? " " + c.path("hidden") : "")
        + (c.path("whiten").isTextual() ? ", whitened" : ", not whitened")
        + (c.path("init-scale").isNumber() ? ", init x" + c.path("init-scale").asText() : "");
  }
}
