package org.afterkernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.afterkernel.AkException;
import org.afterkernel.experiment.ConfigMerger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {
  @TempDir Path dir;

  @Test
  void epochGridsShareOneTrajectoryPerSettingAndRun() throws IOException {
    SweepDefinition def = SweepDefinition.read(SweepTestSupport.writeSweep(dir, "plan", 2, ""));
    List<SweepPlan.Task> tasks = SweepPlan.expand(def);
    assertEquals(4, tasks.size(), "2 cases x 2 runs");
    assertEquals(3, tasks.get(0).cells().size());
    assertEquals(List.of(0, 0, 1, 1), tasks.stream().map(SweepPlan.Task::run).toList(), "run by run");
    assertEquals(3, tasks.get(0).config().maxNumEpochs(), "trained to the largest epoch count");
    assertEquals("{\"max-num-epochs\":1,\"width\":8}#1", tasks.get(2).cells().get(1).id());
  }

  @Test
  void moreRunsAreAnotherSweepWhoseFirstRunsAreTheSameCells() throws IOException {
    SweepDefinition def = SweepDefinition.read(SweepTestSupport.writeSweep(dir, "plan", 2, ""));
    SweepDefinition ten = def.withRuns(10);
    assertEquals("plan-runs-10", ten.name());
    assertNotEquals(def.hash(), ten.hash(), "its results are another sweep's");
    List<SweepPlan.Task> a = SweepPlan.expand(def);
    List<SweepPlan.Task> b = SweepPlan.expand(ten);
    assertEquals(20, b.size(), "2 cases x 10 runs");
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).id(), b.get(i).id(), "task " + i);
      assertEquals(a.get(i).config().seed(), b.get(i).config().seed(), "task " + i + " seed");
    }
    assertThrows(org.afterkernel.AkException.class, () -> def.withRuns(0));
  }

  @Test
  void shardsPartitionTheTasks() {
    Set<Integer> seen = new TreeSet<>();
    for (int s = 0; s < 3; s++) {
      for (int t = 0; t < 10; t++) {
        if (new Shard(s, 3).owns(t)) {
          assertTrue(seen.add(t), "task " + t + " in two shards");
        }
      }
    }
    assertEquals(10, seen.size());
  }

  @Test
  void shardFromOptionAndEnvironments() {
    assertEquals(new Shard(1, 4), Shard.resolve("2/4", Map.of()));
    assertEquals(new Shard(2, 5), Shard.resolve(null, Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "1",
        "SLURM_ARRAY_TASK_COUNT", "5")));
    // One task of an array resubmitted alone (sbatch --array=2): its count is 1, AK_SHARD_COUNT says 3.
    assertEquals(new Shard(1, 3), Shard.resolve(null, Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "2",
        "SLURM_ARRAY_TASK_COUNT", "1", "AK_SHARD_COUNT", "3")));
    AkException outside = assertThrows(AkException.class, () -> Shard.resolve(null,
        Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "3", "AK_SHARD_COUNT", "3")));
    assertTrue(outside.getMessage().contains("SLURM_ARRAY_TASK_ID is 0, expected a shard number 1..3"),
        outside.getMessage());
    assertEquals(new Shard(0, 3), Shard.resolve(null, Map.of("JOB_COMPLETION_INDEX", "0", "AK_SHARD_COUNT", "3")));
    assertEquals(new Shard(2, 3), Shard.resolve(null, Map.of("AK_SHARD", "3/3")));
    assertEquals(Shard.ALL, Shard.resolve(null, Map.of()));
    assertThrows(AkException.class, () -> Shard.resolve("4/3", Map.of()));
    assertThrows(AkException.class, () -> Shard.resolve("x", Map.of()));
  }

  @Test
  void unknownOptionsInASweepAreRejectedWithASuggestion() throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"name\": \"bad\", \"runs\": 1, \"base\": {\"num-swap\": 3}}");
    AkException e = assertThrows(AkException.class, () -> SweepDefinition.read(f));
    assertTrue(e.getMessage().contains("did you mean 'num-swaps'?"), e.getMessage());
    Files.writeString(f, "{\"name\": \"bad\", \"runs\": 1, \"grid\": {\"learning-rate\": [0.1, -1]}}");
    e = assertThrows(AkException.class, () -> SweepDefinition.read(f));
    assertTrue(e.getMessage().contains("learning-rate is -1.0"), e.getMessage());
  }

  /** Every config in configs/ loads and expands; every figure 1-16 has a full and a smoke variant. */
  @Test
  void everyConfigLoadsAndExpands() throws IOException {
    Set<Integer> full = new TreeSet<>();
    Set<Integer> smoke = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("configs"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        if (f.getFileName().toString().equals("quickstart.json")) {
          new ConfigMerger().overlay(f).build();
          continue;
        }
        SweepDefinition def = SweepDefinition.read(f);
        List<SweepPlan.Task> tasks = SweepPlan.expand(def);
        assertTrue(!tasks.isEmpty(), f.toString());
        assertEquals(def.name() + ".json", f.getFileName().toString(), "file named after the sweep");
        if (def.name().endsWith("-smoke")) {
          assertEquals(2, def.runs(), f + ": smoke variants run twice");
          smoke.add(def.figure());
        } else {
          assertEquals(10, def.runs(), f + ": ten runs as in the paper");
          full.add(def.figure());
        }
      }
    }
    Set<Integer> all = new TreeSet<>();
    for (int i = 1; i <= 16; i++) {
      all.add(i);
    }
    assertEquals(all, full);
    assertEquals(all, smoke);
  }
}
