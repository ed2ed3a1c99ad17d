package org.afterkernel.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.afterkernel.AkException;
import org.afterkernel.experiment.Measure;
import org.afterkernel.io.Json;
import org.junit.jupiter.api.Test;

/** The catalog against the project's sweep configs: every figure names a config that produces it. */
class FigureCatalogTest {
  @Test
  void everyFigureNamesItsSweepConfigAndMeasuresThatExist() {
    for (int n = 1; n <= FigureCatalog.FIGURES; n++) {
      PlotSpec spec = FigureCatalog.spec(n);
      assertEquals(String.format("fig%02d", n), spec.name());
      assertEquals(n, spec.figure());
      Path config = Path.of(spec.producer());
      assertTrue(Files.isRegularFile(config), "figure " + n + ": " + config + " exists");
      JsonNode def = Json.readTree(config);
      assertEquals(n, def.path("figure").asInt(), config + " is the sweep of figure " + n);
      Path smoke = Path.of(spec.producer().replace(".json", "-smoke.json"));
      assertTrue(Files.isRegularFile(smoke), smoke + " exists");
      for (String m : spec.measures()) {
        Measure.fromKey(m); // throws for a key the experiment does not measure
      }
      for (String m : spec.baselines()) {
        Measure.fromKey(m);
      }
    }
  }

  @Test
  void theXAxisFollowsWhatEachFigureVaries() {
    Set<Integer> learningRate = Set.of(9, 10, 11, 12, 13, 14);
    for (int n = 1; n <= FigureCatalog.FIGURES; n++) {
      String x = FigureCatalog.spec(n).x().key();
      String expected = n == 15 ? "parameters" : learningRate.contains(n) ? "learning-rate" : "epochs";
      assertEquals(expected, x, "figure " + n);
    }
  }

  @Test
  void figuresOutsideThePaperAreRefused() {
    assertEquals("--figure is 17, expected 1 to 16",
        assertThrows(AkException.class, () -> FigureCatalog.spec(17)).getMessage());
    assertThrows(AkException.class, () -> FigureCatalog.spec(0));
  }
}
