package org.afterkernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.afterkernel.experiment.ExperimentConfig;
import org.afterkernel.sweep.SweepDefinition;
import org.afterkernel.sweep.SweepPlan;
import org.junit.jupiter.api.Test;

/**
 * The bench's problems are the replication tier's: each case's network and task equal those of the
 * tier's cell it stands for, read from the committed definition (so that a benchmark number speaks
 * for the committed results).
 */
class SvmBenchProblemsTest {
  @Test
  void eachCaseIsTheNetworkAndTaskOfItsReplicationCell() {
    check("vgg-cifar10", "epochs-vgg.json", "cifar10");
    check("vgg-mnist-3v8", "epochs-vgg.json", "mnist");
    check("mlp-mnist-3v8", "epochs-mlp.json", "mnist");
    check("vgg100k-cifar10", "epochs-vgg-100k.json", "cifar10");
  }

  @Test
  void aRatioBelowTenKeepsTwoDecimals() {
    // A JST1 budget shorter than the exact solve printed "> 0x" before.
    assertEquals("0.37x", BenchSvmCommand.ratio(240.0 / 649.4));
    assertEquals("133x", BenchSvmCommand.ratio(133.4));
  }

  private static void check(String name, String definition, String dataset) {
    ExperimentConfig bench = SvmBenchProblems.config(SvmBenchProblems.byName(name));
    List<ExperimentConfig> cells = SweepPlan.expand(SweepDefinition.read(Path.of("configs/replication", definition)))
        .stream().map(SweepPlan.Task::config)
        .filter(c -> c.dataset().equals(dataset) && c.minusClass() == bench.minusClass()
            && c.plusClass() == bench.plusClass())
        .toList();
    assertFalse(cells.isEmpty(), name + ": no cell of " + definition + " on its task");
    for (ExperimentConfig cell : cells) {
      assertEquals(cell.networkSpec(), bench.networkSpec(), name + " vs " + definition);
    }
  }
}
