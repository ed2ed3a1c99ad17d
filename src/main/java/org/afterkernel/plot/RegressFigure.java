package org.afterkernel.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.afterkernel.AkException;
import org.afterkernel.io.Json;
import org.afterkernel.io.Npy;

/**
 * The silent-alignment paper's figure 1b-c for {@code ak regress} outputs: per test point, the
 * kernel regressor's prediction against the network's output (for ten classes: each of the 10
 * predictions against the network's probability of that class), one panel per regression
 * directory, its Pearson correlation in the title.
 */
public final class RegressFigure {
  private RegressFigure() {}

  /** The figure of the regression directories {@code dirs} (each written with a network to compare). */
  public static FigurePlot of(List<Path> dirs) {
    List<PlotPanel> panels = new ArrayList<>();
    char letter = 'a';
    for (Path dir : dirs) {
      Path net = dir.resolve("network-test.npy");
      if (!Files.isRegularFile(net)) {
        throw new AkException(dir + ": no network-test.npy (expected the --out of ak regress with --model)");
      }
      double[] x = Npy.read(net).asDoubles();
      double[] y = Npy.read(dir.resolve("predictions-test.npy")).asDoubles();
      JsonNode r = Json.readTree(dir.resolve("regress.json"));
      List<PlotPanel.Point> points = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        points.add(new PlotPanel.Point(x[i], y[i], null, 1, 1));
      }
      points.sort(Comparator.comparingDouble(PlotPanel.Point::x));
      String kernel = r.at("/kernel/model").asText("").endsWith("(initial weights)") ? "initial kernel" : "trained kernel";
      // A ten-class regression (--classes all) compares its 10 predictions per point with the
      // network's softmax probabilities; a binary one its prediction with the network's logit.
      boolean classes = r.at("/results/network/pearsonWithProbabilities").isNumber();
      String title = String.format(Locale.ROOT, "(%c) %s, %s: Pearson %s%.3f", letter, dir.toAbsolutePath().getFileName(),
          kernel, classes ? "with its probabilities " : "",
          r.at(classes ? "/results/network/pearsonWithProbabilities" : "/results/network/pearson").asDouble());
      panels.add(new PlotPanel("regress" + letter, title,
          classes ? "network's probability of the class" : "network output", "kernel regressor's prediction",
          XScale.LINEAR, List.of(), List.of(new PlotPanel.Series("test points", 0, PlotPanel.Series.SCATTER, points))));
      letter++;
    }
    return new FigurePlot("regress", "Kernel regressor vs network on the test points", panels, List.of());
  }
}
