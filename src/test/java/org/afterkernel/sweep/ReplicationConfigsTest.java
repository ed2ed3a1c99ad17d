package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.afterkernel.experiment.ExperimentConfig;
import org.junit.jupiter.api.Test;

/**
 * {@code configs/replication/}, the tier whose results REPLICATION.md reports, against what the
 * replication issue asks of it (expected grids from the paper's text, section 3): full data, the SVM
 * to convergence, every test image for the measures, the paper's epoch and learning-rate grids,
 * and fewer runs than the paper's 10 said in the description.
 */
class ReplicationConfigsTest {
  private static final Path DIR = Path.of("configs", "replication");

  private static Map<String, SweepDefinition> definitions() throws IOException {
    Map<String, SweepDefinition> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        SweepDefinition def = SweepDefinition.read(f);
        String stem = f.getFileName().toString().replace(".json", "");
        assertEquals("replication-" + stem, def.name(), f + ": named after its file");
        out.put(stem, def);
      }
    }
    return out;
  }

  /** The epoch counts (or learning rates) of the cells matching {@code arch} and {@code dataset}. */
  private static Set<Double> values(SweepDefinition def, String arch, String dataset, boolean rates) {
    Set<Double> out = new TreeSet<>();
    for (SweepPlan.Task t : SweepPlan.expand(def)) {
      for (SweepPlan.Cell c : t.cells()) {
        ExperimentConfig cfg = c.config();
        if (cfg.nnArchitecture().equals(arch) && cfg.dataset().equals(dataset)) {
          out.add(rates ? cfg.learningRate() : cfg.maxNumEpochs());
        }
      }
    }
    return out;
  }

  @Test
  void everyDefinitionRunsAtThePapersScale() throws IOException {
    Map<String, SweepDefinition> defs = definitions();
    assertEquals(Set.of("epochs-mlp", "epochs-vgg", "epochs-vgg-100k", "epochs-mega-vgg", "learning-rate",
        "learning-rate-augmentation", "augmentation", "width"), defs.keySet());
    for (Map.Entry<String, SweepDefinition> e : defs.entrySet()) {
      SweepDefinition def = e.getValue();
      assertTrue(def.runs() >= 3 || e.getKey().equals("epochs-mega-vgg") || e.getKey().equals("epochs-vgg-100k"),
          e.getKey() + ": at least 3 runs (one trajectory for mega-VGG and the 100K-parameter VGG, as issues 15 and 26 allow)");
      if (def.runs() < 10) {
        assertTrue(def.description().contains(def.runs() + " run") && def.description().contains("the paper: 10"),
            e.getKey() + ": the description says it runs fewer than the paper's 10: " + def.description());
      }
      for (SweepPlan.Task t : SweepPlan.expand(def)) {
        for (SweepPlan.Cell c : t.cells()) {
          ExperimentConfig cfg = c.config();
          String where = e.getKey() + " " + c.id();
          assertEquals(0, cfg.trainExamples(), where + ": every training image of the pair");
          assertEquals(0, cfg.testExamples(), where + ": every test image");
          if (cfg.trainLinearModel()) {
            assertEquals("exact", cfg.svmSolver(), where + ": the hard-margin SVM, exact");
            assertEquals("kkt", cfg.svmStop(), where + ": the SVM to its KKT tolerance");
            assertTrue(cfg.svmTolerance() <= 1e-6, where + ": a KKT residual of at most 1e-6");
          }
          for (int n : new int[] {cfg.numTranslations(), cfg.numZooms(), cfg.numRotations(), cfg.numSwaps()}) {
            assertTrue(n == 0 || n >= 2_000, where + ": an invariance over every test image (" + n + ")");
          }
          if (cfg.trainingLossTarget() != null) {
            assertEquals(0.01, cfg.trainingLossTarget(), where + ": the paper's training loss 0.01");
          }
        }
      }
    }
  }

  @Test
  void theGridsAreThePapersOrTheIssuesMinimum() throws IOException {
    Map<String, SweepDefinition> defs = definitions();
    Set<Double> all = Set.of(0.0, 1.0, 3.0, 10.0, 30.0, 100.0, 200.0);
    assertEquals(all, values(defs.get("epochs-mlp"), "MLP", "mnist", false), "the MLP: the paper's whole grid");
    for (String data : List.of("mnist", "cifar10")) {
      assertTrue(values(defs.get("epochs-vgg"), "VGG", data, false).containsAll(Set.of(0.0, 1.0, 3.0, 10.0, 30.0)),
          "VGG on " + data + ": at least 0-30");
    }
    assertTrue(values(defs.get("epochs-mega-vgg"), "VGG", "mnist", false).containsAll(Set.of(0.0, 1.0, 3.0, 10.0)),
        "mega-VGG: at least 0-10");
    Set<Double> mnistRates = Set.of(0.001, 0.003, 0.01, 0.03, 0.1);
    Set<Double> cifarRates = Set.of(0.01, 0.02, 0.03, 0.04);
    SweepDefinition lr = defs.get("learning-rate");
    assertEquals(mnistRates, values(lr, "VGG", "mnist", true));
    assertEquals(mnistRates, values(lr, "MLP", "mnist", true));
    assertEquals(cifarRates, values(lr, "VGG", "cifar10", true));
    assertEquals(mnistRates, values(defs.get("learning-rate-augmentation"), "VGG", "mnist", true));
  }
}
