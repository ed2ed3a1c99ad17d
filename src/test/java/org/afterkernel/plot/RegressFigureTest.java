package org.afterkernel.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.afterkernel.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regression figure's panels: a binary regression's Pearson with the logit, a ten-class one's with the probabilities. */
class RegressFigureTest {
  private static Path regression(Path dir, String name, String network, double[] net, double[] pred) throws Exception {
    Path d = Files.createDirectories(dir.resolve(name));
    Npy.writeDoubles(d.resolve("network-test.npy"), new long[] {net.length}, net);
    Npy.writeDoubles(d.resolve("predictions-test.npy"), new long[] {pred.length}, pred);
    Files.writeString(d.resolve("regress.json"), "{\"kernel\": {\"model\": \"m (initial weights)\"}, \"results\":"
        + " {\"network\": " + network + "}}");
    return d;
  }

  @Test
  void titlesNameWhichPearsonTheyShow(@TempDir Path dir) throws Exception {
    Path binary = regression(dir, "bin", "{\"pearson\": 0.25}", new double[] {1, -1, 2}, new double[] {0.5, -0.5, 1});
    Path ten = regression(dir, "ten", "{\"pearsonWithProbabilities\": 0.75, \"classAgreement\": 0.5}",
        new double[] {0.9, 0.1, 0.2, 0.8}, new double[] {1, 0, 0, 1});
    FigurePlot f = RegressFigure.of(List.of(binary, ten));
    assertEquals("(a) bin, initial kernel: Pearson 0.250", f.panels().get(0).title());
    assertEquals("network output", f.panels().get(0).xTitle());
    assertEquals("(b) ten, initial kernel: Pearson with its probabilities 0.750", f.panels().get(1).title());
    assertEquals("network's probability of the class", f.panels().get(1).xTitle());
    assertEquals(4, f.panels().get(1).series().get(0).points().size());
  }
}
